import * as all from './index.js'
console.log(Object.keys(all).sort().join(','), all.a, all.b)
