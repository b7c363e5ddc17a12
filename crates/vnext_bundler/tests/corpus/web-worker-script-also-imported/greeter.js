export const greeting = 'hello from the module'
