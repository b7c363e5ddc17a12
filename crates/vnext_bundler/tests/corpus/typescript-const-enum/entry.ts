import { Level } from './levels.ts'
const levels: Level[] = [Level.Low, Level.High]
console.log(levels.join(','))
