export const add = (a, b) => a + b
export const PI = 3.14
