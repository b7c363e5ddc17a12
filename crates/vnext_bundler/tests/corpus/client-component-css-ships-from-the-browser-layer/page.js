import './page.css'
import { Button } from './button.js'

export const page = typeof Button.$$id
