const a = require('./a.js')
console.log(a.done, a.sawB)
