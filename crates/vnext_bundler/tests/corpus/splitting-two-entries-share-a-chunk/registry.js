// Both entries run on one page: they must share this module's one instance.
export const registered = []
export function register(name) {
  registered.push(name)
}
