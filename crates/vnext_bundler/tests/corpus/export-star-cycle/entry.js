import * as fromA from './a.js'
import * as fromB from './b.js'
console.log(Object.keys(fromA).sort().join(','), Object.keys(fromB).sort().join(','))
