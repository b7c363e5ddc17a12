import pixel from './pixel.gif'
import { url } from './a.js'
console.log(pixel === url, pixel.replace(/-[0-9a-f]{16}\./, '-[hash].'))
