// A server component's stylesheet ships with the server chunk; a client component's
// ships once, from the browser layer, not from its ssr copy.
import { page } from './page.js' with { layer: 'rsc' }

console.log(page)
