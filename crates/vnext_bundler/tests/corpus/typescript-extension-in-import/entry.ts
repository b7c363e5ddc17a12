import { twice } from './math.js'
console.log(twice(21))
