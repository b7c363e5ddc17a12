class Registry {
  static #items = new Map()
  static ready
  static {
    Registry.#items.set('default', 1)
    Registry.ready = true
  }
  static get size() { return Registry.#items.size }
  static has(key) { return #items in Registry && Registry.#items.has(key) }
}
console.log(Registry.ready, Registry.size, Registry.has('default'), Registry.has('other'))
