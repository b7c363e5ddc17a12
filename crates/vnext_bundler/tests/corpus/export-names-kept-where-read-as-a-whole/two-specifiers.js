// One module under two specifiers: read by name through one, whole through the other.
import { first } from './twice.js'
import * as twice from './twice'

export const fromTwoSpecifiers = first
export const keysOfTwice = Object.keys(twice).join(',')
