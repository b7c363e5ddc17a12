export function helper() {
  return module()
}
function module() {
  return 'helper'
}
export const _require = 'a name the renaming must not take'
// Exported under its own name: the export keeps it.
export const require = 'an exported require'
