import secret from 'sealed/lib/private.js'
console.log(secret)
