export * from './a.js'
export const b = 'b'
