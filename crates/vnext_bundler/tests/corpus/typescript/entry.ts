import type { Shape } from './shape'
import { area, Kind } from './shape'
const square: Shape = { kind: Kind.Square, size: 3 }
console.log(area(square), Kind[Kind.Circle])
