import anonymous from './anonymous.js'
import expression from './expression.js'
import Klass from './klass.js'
console.log(anonymous(), expression, new Klass().kind)
