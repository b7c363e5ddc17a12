import { count, increment } from './counter.js'
console.log(count)
increment()
increment()
console.log(count)
