import { doubled } from './config.js'

console.log('entry.js sees', doubled)
const lazy = await import('./lazy.js')
console.log('import() of an async module:', lazy.answer)
