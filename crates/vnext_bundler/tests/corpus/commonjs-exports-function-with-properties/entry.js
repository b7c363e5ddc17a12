import greet, { version } from './greet.cjs'
import * as whole from './greet.cjs'
console.log(greet('ada'), version, typeof whole.default, whole.version)
