export const greeting = 'hello from @/components'
