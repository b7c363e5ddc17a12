export const named = 'named'
export const other = 'other'
