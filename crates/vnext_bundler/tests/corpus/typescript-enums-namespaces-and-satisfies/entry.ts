import { Color, Geometry, palette } from './shapes.ts'
import type { Shape } from './shapes.ts'

const shape: Shape = { kind: 'circle', radius: 2 }
console.log(Color.Red, Color[Color.Green], Geometry.area(shape).toFixed(2))
console.log(palette.primary)
