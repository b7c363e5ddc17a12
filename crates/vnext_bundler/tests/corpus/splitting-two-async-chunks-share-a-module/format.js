export const format = (word, name) => `${word}, ${name}!`
