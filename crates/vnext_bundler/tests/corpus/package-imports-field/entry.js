import { secret } from 'internal-user'
console.log(secret)
