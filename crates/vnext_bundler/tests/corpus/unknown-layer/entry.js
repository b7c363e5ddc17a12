import { x } from './x.js' with { layer: 'edge' }
console.log(x)
