exports.early = 'early'
module.exports = { late: 'late' }
module.exports.added = 'added'
