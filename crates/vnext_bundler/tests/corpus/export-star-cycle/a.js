export * from './b.js'
export const a = 'a'
