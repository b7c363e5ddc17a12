// One script, imported as a module and named as a worker's URL: each gets its own.
import { greeting } from './greeter.js'

const url = new URL('./greeter.js', import.meta.url)
console.log(greeting, url.protocol, /\/greeter-[0-9a-f]{16}\.js$/.test(url.pathname))
