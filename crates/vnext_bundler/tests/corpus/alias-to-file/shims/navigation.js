export function where() {
  return 'the navigation shim'
}
