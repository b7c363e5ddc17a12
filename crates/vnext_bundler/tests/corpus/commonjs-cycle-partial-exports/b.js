const a = require('./a.js')
exports.sawA = `a.done was ${a.done} while a was loading`
