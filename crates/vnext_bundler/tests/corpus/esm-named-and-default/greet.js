export const name = 'world'
export function shout(text) { return text.toUpperCase() }
export default function greet(who) { return `hello ${who}` }
