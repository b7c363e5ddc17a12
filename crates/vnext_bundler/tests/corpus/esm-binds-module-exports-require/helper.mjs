export function helper() {
  return module()
}
function module() {
  return 'helper'
}
export const _require = 'a name the renaming must not take'
