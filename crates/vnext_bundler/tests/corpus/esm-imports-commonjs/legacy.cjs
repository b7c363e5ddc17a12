module.exports = { version: 3 }
