import { Counter } from './counter'
const counter = new Counter()
counter.bump(); counter.bump()
console.log(counter.value, Counter.created)
