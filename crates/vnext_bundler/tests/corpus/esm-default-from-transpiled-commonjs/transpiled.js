Object.defineProperty(exports, '__esModule', { value: true })
exports.default = 'default of a transpiled module'
