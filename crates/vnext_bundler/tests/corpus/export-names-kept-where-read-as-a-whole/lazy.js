export const lazy = 'lazy'
export const later = 'later'
