export const shape = 'square'
export let count = 0
export function increment() {
  count++
}
export default 'label'
