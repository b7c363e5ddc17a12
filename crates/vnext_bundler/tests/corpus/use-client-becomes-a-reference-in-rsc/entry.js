import { references } from './server.js' with { layer: 'rsc' }
import * as manifests from 'vnext:client-references'
console.log(JSON.stringify(references))
console.log(JSON.stringify(manifests.clientManifest))
console.log(JSON.stringify(manifests.serverConsumerManifest))
console.log(typeof __webpack_require__, __webpack_require__('(ssr)/button.js').Button())
