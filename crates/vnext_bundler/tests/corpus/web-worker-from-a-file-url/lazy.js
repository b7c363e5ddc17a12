export const triple = (number) => number * 3
