import make from './factory.cjs'
import { helper } from './factory.cjs'
console.log(make('x'), helper())
