import './styles.css'
console.log('styled')
