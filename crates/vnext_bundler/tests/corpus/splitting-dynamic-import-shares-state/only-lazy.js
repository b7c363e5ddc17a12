export const only = 'only the lazy chunk carries me'
