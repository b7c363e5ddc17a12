// `import.meta` in a module is its chunk's: a file URL in Node.
export const chunkUrl = import.meta.url
export const logoUrl = new URL('./logo.png', import.meta.url)
