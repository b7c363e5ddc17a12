import { where as plain, instance as plainInstance } from './shared.js'
import { where as server, instance as serverInstance } from './server.js' with { layer: 'rsc' }
console.log(plain, server, plainInstance === serverInstance)
