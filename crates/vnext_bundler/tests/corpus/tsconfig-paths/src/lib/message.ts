export const message: string = 'resolved through tsconfig paths'
