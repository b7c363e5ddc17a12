import { flavour } from 'flavours'
import sub from 'flavours/sub'
console.log(flavour, sub)
