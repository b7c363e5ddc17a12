import data from './data.json'
const { nested } = require('./data.json')
console.log(data.name, nested.list[2].deep, Object.keys(data.empty).length, data === require('./data.json'))
