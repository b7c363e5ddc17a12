exports.name = 'lib index'
