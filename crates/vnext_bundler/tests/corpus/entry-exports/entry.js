export const own = 'own'
export default 'main'
export * from './lib.js'
// The bundle is an ES module whose exports are the entry's: import it from itself.
import(process.argv[1]).then((bundle) => console.log(Object.keys(bundle).sort().join(','), bundle.default, bundle.value))
