import greet, { name, shout as loud } from './greet.js'
console.log(greet(name), loud('hey'))
