import { message } from '@/lib/message'
console.log(message)
