import { count, increment } from './counter.cjs'
import * as counter from './counter.cjs'
increment()
increment()
console.log(counter.count, typeof count)
