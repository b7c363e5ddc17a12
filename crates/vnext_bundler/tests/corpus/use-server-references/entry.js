import { registered, run } from './server.js' with { layer: 'rsc' }
import * as stubs from './actions.js' with { layer: 'ssr' }

console.log(registered.join('\n'))
globalThis.__vnext_callServer = (id, args) => run(id, args)
Promise.all(['save', 'remove', 'archive-all', 'default'].map((name) => stubs[name]('it'))).then((results) =>
  console.log(results.join(', '))
)
console.log('stub exports:', Object.keys(stubs).sort().join(', '))
