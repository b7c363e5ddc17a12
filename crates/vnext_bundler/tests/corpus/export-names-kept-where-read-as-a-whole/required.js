export const value = 'value'
export const spare = 'spare'
