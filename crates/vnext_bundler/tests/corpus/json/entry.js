import data from './data.json'
const again = require('./data.json')
console.log(data.items.length, data.name, again === data)
