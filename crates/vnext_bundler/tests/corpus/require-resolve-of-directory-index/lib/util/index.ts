export const name = 'util index'
