const config = require('./config.json')
module.exports = { count: config.routes.length, first: config.routes[0] }
