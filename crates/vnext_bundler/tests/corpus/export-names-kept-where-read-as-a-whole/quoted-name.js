const text = 'quoted'
export { text as 'a quoted name' }
export const plain = 'plain'
