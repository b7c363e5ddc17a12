// The module registry of a vnext bundle, one per page or Worker: every chunk registers
// its modules with it. Modules are CommonJS-shaped factories keyed by id; ESM interop
// follows Babel's `__esModule` convention, which is what swc's module transform emits
// against (and what webpack-built packages expect). `baseUrl` is the URL of the chunk
// that holds the registry; the other chunks are its siblings.
function __vnext_registry(baseUrl) {
  const factories = Object.create(null)
  // `import()` target id → the chunk files that carry it.
  const chunkFiles = Object.create(null)
  const cache = Object.create(null)
  const wildcardCache = new WeakMap()

  function interopDefault(value) {
    return value && value.__esModule ? value : { default: value }
  }

  function interopWildcard(value) {
    if (value && value.__esModule) return value
    if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return { default: value }
    const cached = wildcardCache.get(value)
    if (cached) return cached
    const namespace = { __proto__: null }
    for (const key in value) {
      if (key !== 'default' && Object.prototype.hasOwnProperty.call(value, key)) {
        const descriptor = Object.getOwnPropertyDescriptor(value, key)
        Object.defineProperty(namespace, key, descriptor.get || descriptor.set ? descriptor : { enumerable: true, get: () => value[key] })
      }
    }
    namespace.default = value
    wildcardCache.set(value, namespace)
    return namespace
  }

  // The export names as written of the modules whose names the bundler shortened and
  // that an `export *` copies, in the order of their keys.
  const writtenNames = new WeakMap()

  function exportStar(from, to) {
    const names = writtenNames.get(from)
    Object.keys(from).forEach((key, index) => {
      const name = names ? names[index] : key
      if (name !== 'default' && !Object.prototype.hasOwnProperty.call(to, name)) {
        Object.defineProperty(to, name, { enumerable: true, get: () => from[key] })
      }
    })
    return from
  }

  // Modules the runtime itself provides: swc's interop helpers, and the empty module
  // that stands for `false` in a package's `browser` field.
  const builtins = {
    '@swc/helpers/_/_interop_require_default': { _: interopDefault },
    '@swc/helpers/_/_interop_require_wildcard': { _: interopWildcard },
    '@swc/helpers/_/_export_star': { _: exportStar },
    'vnext:empty': {},
  }

  function require(id) {
    const cached = cache[id]
    if (cached) return cached.exports
    if (id in builtins) return builtins[id]
    const factory = factories[id]
    if (!factory) throw new Error(`vnext: module "${id}" is not in this bundle`)
    const module = { id, exports: {} }
    cache[id] = module
    // An async module (top-level await) gives a promise of its completion.
    module.done = factory.call(module.exports, module, module.exports, require)
    return module.exports
  }

  // An ES module's exports as live bindings, and its `__esModule` mark: what swc's
  // CommonJS transform writes out in every module, said once (see compact_exports.rs).
  require.e = (exports, getters, names) => {
    Object.defineProperty(exports, '__esModule', { value: true })
    for (const name in getters) Object.defineProperty(exports, name, { enumerable: true, get: getters[name] })
    if (names) writtenNames.set(exports, names)
  }

  // Runs each of `ids` in order, waiting for the async ones to finish.
  require.ready = async (ids) => {
    for (const id of ids) {
      require(id)
      if (cache[id] && cache[id].done) await cache[id].done
    }
  }

  require.register = (moreFactories, moreChunkFiles) => {
    Object.assign(factories, moreFactories)
    Object.assign(chunkFiles, moreChunkFiles)
  }

  // A chunk registers its modules as it loads; a stylesheet (browser chunks only) is
  // linked into the page unless it already is.
  require.loadChunk = (file) => {
    if (!file.endsWith('.css')) return import('./' + file)
    const href = new URL(file, baseUrl).href
    // Compared resolved: the server's links are root-relative.
    const linked = [...document.querySelectorAll('link[rel="stylesheet"]')].some((link) => link.href === href)
    if (linked) return Promise.resolve()
    return new Promise((resolve, reject) => {
      const link = document.createElement('link')
      link.rel = 'stylesheet'
      link.href = href
      link.onload = resolve
      link.onerror = () => reject(new Error(`vnext: could not load the stylesheet ${href}`))
      document.head.appendChild(link)
    })
  }

  // `import(id)`: load the chunks that carry it, then run it. Without splitting there
  // are none, and loading is only deferred.
  require.load = (id) =>
    Promise.all((chunkFiles[id] || []).map(require.loadChunk))
      .then(() => require.ready([id]))
      .then(() => interopWildcard(require(id)))
  return require
}
