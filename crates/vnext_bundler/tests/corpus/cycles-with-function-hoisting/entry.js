import { isEven } from './even.js'
console.log(isEven(10), isEven(7))
