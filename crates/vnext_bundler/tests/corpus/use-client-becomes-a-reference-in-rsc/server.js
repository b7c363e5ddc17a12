import { Button } from './button.js'
import * as whole from './button.js'
export const references = { named: Button.$$id, whole: whole.$$id }
