import './first.js'
import './second.js'
import './first.js'
console.log(globalThis.log.join(' > '))
