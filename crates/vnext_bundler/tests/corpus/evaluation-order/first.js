import './shared.js'
console.log('first')
