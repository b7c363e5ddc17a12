import './empty.css'
console.log('no rules')
