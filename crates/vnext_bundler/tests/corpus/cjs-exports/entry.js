const math = require('./math.js')
const { double } = require('./double')
console.log(math.add(2, 3), double(4), typeof module, typeof exports)
