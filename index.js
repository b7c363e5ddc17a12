// The public API of the `vnext` package. The native addon does the work; this
// module turns its JSON into objects and its diagnostics into thrown errors.

import { createRequire } from 'node:module'
import { resolve } from 'node:path'

const require = createRequire(import.meta.url)
const binding = require('./binding.cjs')

export { createRouteMatcher, DecodeError } from './lib/runtime/route-matcher.js'

/** Thrown when the app's routes break one of Next's rules. */
export class RouteCompileError extends Error {
  /** @param {import('./index.d.ts').Diagnostic[]} diagnostics */
  constructor(diagnostics) {
    const errors = diagnostics.filter((d) => d.severity === 'error')
    super(errors.map((d) => d.message).join('\n\n'))
    this.name = 'RouteCompileError'
    this.diagnostics = diagnostics
  }
}

/**
 * @param {string} projectDir
 * @param {import('./index.d.ts').CompileRoutesOptions} [options]
 * @returns {Promise<import('./index.d.ts').RouteManifest>}
 */
export async function compileRoutes(projectDir, options = {}) {
  const result = JSON.parse(await binding.compileRoutesJson(resolve(projectDir), options))
  if (result.errors) throw new RouteCompileError(result.errors)
  return result.manifest
}

/** The Rust matcher, for build-time tools; the Worker uses `createRouteMatcher`. */
export class NativeRouteMatcher {
  #native
  /** @param {import('./lib/runtime/route-matcher.d.ts').MatchTree} tree */
  constructor(tree) {
    this.#native = new binding.RouteMatcher(JSON.stringify(tree))
  }

  /** @param {string} pathname */
  match(pathname) {
    return this.#native.matchPath(pathname)
  }
}
