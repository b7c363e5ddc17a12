import { math, twice } from './lib.js'
console.log(Object.keys(math).sort().join(','), math.add(1, 2), twice(21))
