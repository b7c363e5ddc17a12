export const fromStar = 'from a star'
export const unused = 'unused'
