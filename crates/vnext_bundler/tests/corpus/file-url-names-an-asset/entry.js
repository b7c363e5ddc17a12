import { chunkUrl, logoUrl } from './where.js'

const URL = (path) => `local ${path}`
console.log(chunkUrl.startsWith('file:///'), chunkUrl.endsWith('/entry.js'))
console.log(logoUrl.protocol, logoUrl.pathname.replace(/-[0-9a-f]{16}\./, '-[hash].'))
// A local `URL` is not the global: nothing to rewrite.
console.log(URL('./logo.png'))
