const path = require('node:path')

exports.join = (...parts) => path.posix.join(...parts)
