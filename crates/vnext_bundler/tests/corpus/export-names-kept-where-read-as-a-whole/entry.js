// Minified output shortens the export names of a module read only by name. Each other
// way of reading a module needs every name as written, and gets it.
import label, { shape, count, increment } from './by-name.js'
import { named } from './by-name-and-namespace.js'
import { keysOfNamespace, keysOfHub } from './namespace-reader.js'
import { fromTwoSpecifiers, keysOfTwice } from './two-specifiers.js'
import { requiredKeys, requiredValue } from './import-and-require.js'
import { fromStar } from './star-hub.js'
import { unused as direct } from './star-source.js'
import { 'a quoted name' as quoted, plain } from './quoted-name.js'
import { lazy } from './lazy.js'

increment()
console.log(label, shape, count)
console.log(named, keysOfNamespace, keysOfHub)
console.log(fromTwoSpecifiers, keysOfTwice)
console.log(requiredValue, requiredKeys)
console.log(fromStar, direct, plain, quoted, lazy)
import('./lazy.js').then((namespace) => console.log(Object.keys(namespace).sort().join(',')))
