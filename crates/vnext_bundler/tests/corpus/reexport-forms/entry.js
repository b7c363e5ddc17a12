import { renamed, ns, default as def } from './barrel.js'
console.log(renamed, ns.value, def)
