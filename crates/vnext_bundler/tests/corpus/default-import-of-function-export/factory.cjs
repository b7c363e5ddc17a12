module.exports = function make(name) { return `made ${name}` }
module.exports.helper = () => 'helper on the function'
