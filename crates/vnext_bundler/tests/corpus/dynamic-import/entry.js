console.log('before')
import('./lazy.js').then((lazy) => console.log(lazy.default, lazy.named))
console.log('after')
