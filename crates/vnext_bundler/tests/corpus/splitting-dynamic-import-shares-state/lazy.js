import { increment } from './state.js'
import { only } from './only-lazy.js'

console.log('lazy evaluated', only)
export function bump() {
  increment()
}
