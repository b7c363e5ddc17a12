import { Range } from './range.js'
const range = new Range(1, 4)
console.log([...range].join(''), Object.prototype.toString.call(range), Math.max(...range))
