// No package says this is free of side effects: it still runs.
console.log('dialog.js runs')
export const Dialog = 'dialog'
