// No await here, but it imports a module that awaits: it waits for it.
import { value } from './data.js'

export const doubled = value * 2
console.log('config.js sees', value)
