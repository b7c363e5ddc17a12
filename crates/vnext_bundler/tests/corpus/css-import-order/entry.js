import './a.css'
import './b.css'
console.log('styled')
