this.viaThis = 'this is exports'
module.exports.viaModule = 'module.exports'
exports.id = module.id
