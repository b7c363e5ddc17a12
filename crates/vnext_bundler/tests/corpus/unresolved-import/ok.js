import { missing } from './missing-file.js'
export const x = missing
