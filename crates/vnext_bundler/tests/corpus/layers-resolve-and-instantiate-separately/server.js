export { where, instance } from './shared.js'
