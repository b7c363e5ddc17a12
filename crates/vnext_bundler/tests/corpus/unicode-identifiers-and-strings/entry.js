import { café, π, emoji } from './words.js'
console.log(café, π.toFixed(2), emoji, emoji.length)
