import { describe } from './describe.js'
const element = <main id="m"><h1>Title</h1>{[1, 2].map((n) => <p key={n}>{n}</p>)}</main>
console.log(describe(element))
