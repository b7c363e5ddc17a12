import './base.css'
import './home.css'
console.log('home')
