// The page loads only when asked for, from its own chunk.
const handler = { fetch: (name) => import('./page.js').then((page) => page.render(name)) }
handler.fetch('lazy').then((html) => console.log(html))
