function greet(name) { return 'hi ' + name }
greet.version = 2
module.exports = greet
