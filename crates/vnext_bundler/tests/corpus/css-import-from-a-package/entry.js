import './app.css'
console.log('styled from a package')
