export const first = 'first'
export const second = 'second'
