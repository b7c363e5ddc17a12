import { pick } from 'nested'
console.log(pick)
