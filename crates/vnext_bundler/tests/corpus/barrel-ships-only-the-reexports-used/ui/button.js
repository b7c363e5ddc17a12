export const Button = 'button'
