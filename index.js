// The public API of the `vnext` package. The native addon does the work; this
// module turns its JSON into objects and its diagnostics into thrown errors.

import { createRequire } from 'node:module'
import { resolve } from 'node:path'

import { appBrowsers, stylesheetPreprocessor } from './lib/stylesheets.js'

const require = createRequire(import.meta.url)
const binding = require('./binding.cjs')

export { createRouteMatcher, DecodeError } from './lib/runtime/route-matcher.js'
export { expandTree } from './lib/runtime/loader-tree.js'

/** An error made of the core's diagnostics; the message joins the errors'. */
class DiagnosticsError extends Error {
  /** @param {import('./index.d.ts').Diagnostic[]} diagnostics */
  constructor(diagnostics) {
    const errors = diagnostics.filter((d) => d.severity === 'error')
    super(errors.map((d) => d.message).join('\n\n'))
    this.name = new.target.name
    this.diagnostics = diagnostics
  }
}

/** Thrown when the app's routes break one of Next's rules. */
export class RouteCompileError extends DiagnosticsError {}

/** Thrown when modules cannot be bundled: unresolved imports, syntax errors. */
export class BundleError extends DiagnosticsError {}

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

/** A bundler for one project and platform, kept alive between builds. */
export class Bundler {
  #native
  /** @param {import('./index.d.ts').BundlerOptions} [options] */
  constructor({ root = '.', platform = 'browser', env = {}, minify = false, splitting = false, sourcemap = false, publicPath = '/', alias = {}, actionIdSalt = '' } = {}) {
    this.root = resolve(root)
    const preprocessCss = stylesheetPreprocessor(this.root)
    this.#native = new binding.Bundler({ root: this.root, platform, env, minify, splitting, sourcemap, publicPath, alias, preprocessCss, browserslist: appBrowsers(this.root), actionIdSalt })
  }

  /**
   * Bundles each entry into `<outdir>/<name>.js` (and, when splitting, chunks beside it). Rejects with a `BundleError`, having
   * written nothing, when any module fails.
   * @param {Array<string | import('./index.d.ts').BundleEntry>} entries paths relative to the root, or absolute
   * @param {{ outdir: string }} options
   * @returns {Promise<import('./index.d.ts').BundleResult>}
   */
  async bundle(entries, { outdir }) {
    const native = entries.map((entry) => (typeof entry === 'string' ? { path: entry } : entry))
    const report = JSON.parse(await this.#native.bundleJson(native, resolve(outdir)))
    if (report.diagnostics.some((d) => d.severity === 'error')) throw new BundleError(report.diagnostics)
    return { files: report.files, assets: report.assets, reusedModules: report.reusedModules, warnings: report.diagnostics }
  }
}

/**
 * One-off bundle: `new Bundler(options).bundle(options.entries, options)`.
 * @param {import('./index.d.ts').BundleOptions} options
 */
export function bundle(options) {
  return new Bundler(options).bundle(options.entries, options)
}
