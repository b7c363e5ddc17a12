import { register, registered } from './registry.js'

register('second')
console.log('registered so far:', registered.join(', '))
