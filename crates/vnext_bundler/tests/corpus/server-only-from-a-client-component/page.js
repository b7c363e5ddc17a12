import { Button } from './button.js'
export const Page = Button
