import thing from './transpiled.js'
console.log(thing)
