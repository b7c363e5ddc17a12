export * as math from './math.js'
export { default as twice } from './twice.cjs'
