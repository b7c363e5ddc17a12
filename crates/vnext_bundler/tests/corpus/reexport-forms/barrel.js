export { value as renamed } from './value.js'
export * as ns from './value.js'
export { default } from './value.js'
