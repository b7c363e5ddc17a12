export { Button } from './button.js'
export { Dialog } from './dialog.js'
