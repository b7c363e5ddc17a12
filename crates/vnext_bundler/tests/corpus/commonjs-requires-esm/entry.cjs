const esm = require('./modern.mjs')
console.log(esm.__esModule, esm.default, esm.named)
