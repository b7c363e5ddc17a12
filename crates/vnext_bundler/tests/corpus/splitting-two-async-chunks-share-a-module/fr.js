import { format } from './format.js'
export { format }
export const greet = (name) => format('Bonjour', name)
