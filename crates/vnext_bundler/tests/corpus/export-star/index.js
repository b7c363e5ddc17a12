export * from './a.js'
export * from './b.js'
export const own = 1
