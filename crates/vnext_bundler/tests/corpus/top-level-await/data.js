export const value = await new Promise((resolve) => setTimeout(() => resolve(42), 5))
console.log('data.js ready')
