// ES modules for Node bind these names themselves; in the source they are free.
import { createRequire } from 'node:module'
import { helper, _require, require as exportedRequire } from './helper.mjs'
import legacy from './legacy.cjs'

const require = createRequire(import.meta.url)
const module = { name: 'mine' }
var exports = 'not the module object'
const shorthand = { require: typeof require, module, exports }
console.log(require('node:path').basename('/a/b.txt'), legacy.kind, module.name, exports, helper(), _require)
console.log(JSON.stringify(shorthand), exportedRequire)
