const { join } = require('./paths.cjs')

console.log('main:', join('a', 'b'))
import('./tool.mjs').then((tool) => console.log('main imported the other entry:', tool.name))
