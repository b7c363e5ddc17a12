// A Worker imports WebAssembly compiled (it may not compile it at run time), and a
// file it names with `new URL()` comes as a `data:` URL, which a Worker can fetch
// (`@vercel/og` fetches its font so; here at module scope, where workerd allows no
// fetch, the URL is decoded instead).
import addModule from './add.wasm?module'

const { exports } = new WebAssembly.Instance(addModule)
console.log('add(2, 3) =', exports.add(2, 3))

const url = new URL('./logo.png', import.meta.url)
const [header, base64] = url.href.split(',')
const bytes = atob(base64)
console.log(url.protocol, header, bytes.length, 'bytes,', bytes.slice(0, 3))
