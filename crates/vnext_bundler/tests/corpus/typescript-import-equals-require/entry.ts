import path = require('node:path')
import helpers = require('./helpers.cjs')
console.log(path.posix.join('a', 'b'), helpers.double(4))
