import { helper } from './helper.js'

console.log(helper())
// helper.js is already in the entry's chunks: importing it loads nothing new.
import('./helper.js')
  .then((again) => console.log('same helper:', again.helper === helper))
  .then(() => import('./outer.js'))
  .then((outer) => outer.loadInner())
  .then((message) => console.log(message))
