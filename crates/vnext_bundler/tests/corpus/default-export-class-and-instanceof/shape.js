export default class Shape {
  static count = 0
  constructor() { Shape.count += 1 }
}
export class Circle extends Shape {}
