import legacy, { version } from './legacy.cjs'
import * as all from './legacy.cjs'
console.log(legacy.version, version, all.default === legacy, all.version)
