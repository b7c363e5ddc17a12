import { references } from './server.js' with { layer: 'rsc' }
import * as manifests from 'vnext:rsc-manifests'
console.log(JSON.stringify(references))
const client = manifests.clientManifest['button.js']
// Chunk names carry content hashes, which differ between plain and minified output.
console.log(Object.keys(manifests.clientManifest), client.name, JSON.stringify(client.chunks).replace(/-[0-9a-f]{16}\.js/g, '-[hash].js'))
// Module ids are paths in plain output and numbers in minified output: follow them as React does.
const { moduleMap, ...loading } = manifests.serverConsumerManifest
const ssr = moduleMap[client.id]['*']
console.log(Object.keys(moduleMap).length, JSON.stringify({ ...ssr, id: typeof ssr.id }), JSON.stringify(loading))
console.log(typeof __webpack_require__, __webpack_require__(ssr.id).Button())
console.log('the browser has its own id', client.id !== ssr.id)
