module.exports = { kind: 'commonjs' }
