import { references } from './server.js' with { layer: 'rsc' }
import * as manifests from 'vnext:rsc-manifests'
console.log(JSON.stringify(references))
// Chunk names carry content hashes, which differ between plain and minified output.
console.log(JSON.stringify(manifests.clientManifest).replace(/-[0-9a-f]{16}\.js/g, '-[hash].js'))
console.log(JSON.stringify(manifests.serverConsumerManifest))
console.log(typeof __webpack_require__, __webpack_require__('(ssr)/button.js').Button())
