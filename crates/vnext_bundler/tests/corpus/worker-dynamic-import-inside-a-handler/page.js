export const render = (name) => `<h1>${name}</h1>`
