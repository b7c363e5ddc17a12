import './first.js'
import './second.js'
console.log('entry')
