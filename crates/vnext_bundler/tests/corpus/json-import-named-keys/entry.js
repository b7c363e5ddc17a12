import config from './config.json'
const { nested } = require('./config.json')
console.log(config.flags.join('+'), nested.deep)
