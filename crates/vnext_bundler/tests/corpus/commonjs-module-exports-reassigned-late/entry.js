const mod = require('./mod.cjs')
import def, { late } from './mod.cjs'
console.log(Object.keys(mod).join(','), late, def.added, 'early' in mod)
