import { register } from './registry.js'
import { format } from './format.js'

register('first')
console.log(format('first ran'))
