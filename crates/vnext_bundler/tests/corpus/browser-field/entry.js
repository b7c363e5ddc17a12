import { where } from 'dual'
import empty from 'dual/server-only.js'
console.log(where, JSON.stringify(empty))
