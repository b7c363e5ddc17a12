import { runtime } from 'runtime-name'
console.log(runtime)
