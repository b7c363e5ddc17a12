import './base.css'
import './about.css'
console.log('about')
