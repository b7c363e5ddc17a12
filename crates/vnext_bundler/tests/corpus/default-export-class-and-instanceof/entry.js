import Shape, { Circle } from './shape.js'
const circle = new Circle()
// Not Circle.name: minifiers rename classes, as esbuild and Next's do.
console.log(circle instanceof Shape, Shape.count, Object.getPrototypeOf(Circle) === Shape)
