exports.done = false
const b = require('./b.js')
exports.sawB = b.sawA
exports.done = true
