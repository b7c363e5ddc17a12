import './shared.js'
console.log('second')
