const lib = require('./lib')
import { name } from './lib/util'
console.log(lib.name, name)
