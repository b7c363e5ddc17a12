import { count, increment } from './state.js'

increment()
console.log('entry sees', count)
import('./lazy.js').then((lazy) => {
  lazy.bump()
  console.log('after lazy bump, entry sees', count)
  return import('./lazy.js')
}).then((again) => console.log('second import is the same module:', again.bump !== undefined))
