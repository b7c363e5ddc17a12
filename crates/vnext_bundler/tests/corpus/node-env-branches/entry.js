if (process.env.NODE_ENV === 'production') {
  module.exports = require('./prod.js')
} else {
  module.exports = require('./dev-only-file-that-does-not-exist.js')
}
console.log(module.exports.mode, process.env.NODE_ENV)
