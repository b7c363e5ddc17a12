import type { MatchTree, RouteMatch } from './lib/runtime/route-matcher.js'
import type { CompactTree, TreeSegment } from './lib/runtime/loader-tree.js'

export { createRouteMatcher, DecodeError } from './lib/runtime/route-matcher.js'
export type { MatchTree, RouteMatch } from './lib/runtime/route-matcher.js'
export { expandTree } from './lib/runtime/loader-tree.js'
export type { CompactTree, LoaderTree, TreeSegment } from './lib/runtime/loader-tree.js'

export interface CompileRoutesOptions {
  /** `pageExtensions` from `next.config`; default `['tsx', 'ts', 'jsx', 'js']`. */
  pageExtensions?: string[]
}

/** Compiles the routes of the Next.js app in `projectDir`. Rejects with a `RouteCompileError`. */
export function compileRoutes(projectDir: string, options?: CompileRoutesOptions): Promise<RouteManifest>

export class RouteCompileError extends Error {
  diagnostics: Diagnostic[]
}

export class BundleError extends Error {
  diagnostics: Diagnostic[]
}

export interface BundlerOptions {
  /**
   * The project folder; module ids and messages are relative to it, and its PostCSS
   * config, `sass` and browserslist config apply to stylesheets. Default: the current folder.
   */
  root?: string
  /** Decides package conditions and what stays external. Default `browser`. */
  platform?: 'browser' | 'node' | 'worker'
  /** `process.env.*` values inlined into the code; `NODE_ENV` defaults to `production`. */
  env?: Record<string, string>
  /** Compress and mangle each output file with swc's minifier. Default false. */
  minify?: boolean
  /**
   * Put code shared by entries, and each `import()` target, in content-hashed chunks
   * of their own. Default false: each entry is one self-contained file.
   */
  splitting?: boolean
  /**
   * Write `<file>.map` beside each output file, mapping it back to the sources (named
   * `vnext:///<path from the root>`, with their text inlined). Default false.
   */
  sourcemap?: boolean
  /**
   * The URL the output folder is served at. Imported images, fonts and media, and a
   * stylesheet's `url()` files, are copied to `assets/<name>-<hash>.<ext>` and referred
   * to as `<publicPath>assets/…`. Default `/`.
   */
  publicPath?: string
  /**
   * Specifier → file (relative to the root, or absolute), looked up before packages in
   * every layer; `next/link` → vnext's own, for instance.
   */
  alias?: Record<string, string>
  /**
   * A secret hashed into server action ids with the file and export name, so that an id
   * cannot be computed from the source. `vnext build` passes the build's encryption
   * key, as Next does. Default empty.
   */
  actionIdSalt?: string
}

export interface BundleOptions extends BundlerOptions {
  entries: Array<string | BundleEntry>
  outdir: string
}

export interface OutputFile {
  /** Relative to `outdir`: `<name>.js` for an entry, `<name>-<hash>.js` for a chunk. */
  path: string
  size: number
  /** The entry this file runs, as passed to `bundle`; null for a chunk. */
  entry: string | null
  /** Files it loads before running; with it, what a page downloads to run the entry. */
  imports: string[]
  /** Files an `import()` in it may load. */
  dynamicImports: string[]
  /** Ids of the modules it carries: `(<layer>)/<path from the root>` outside the default layer. */
  modules: string[]
  /**
   * Stylesheets to link, in order (for an entry, those of every file it loads, then
   * its own). Each chunk's CSS is one file, `<name>-<hash>.css`, also listed in `files`.
   */
  css: string[]
}

export interface BundleResult {
  /** Written files, entries and chunks, with what each loads: the chunk manifest. */
  files: OutputFile[]
  /** Images, fonts and media copied as they are. */
  assets: Array<{ path: string; size: number }>
  /**
   * Modules taken as they were from an earlier `bundle` call of the same `Bundler`:
   * scripts whose text is unchanged and whose imports resolve to the same files.
   */
  reusedModules: number
  warnings: Diagnostic[]
}

/** An entry with the layer it starts in; a plain string starts in `default`. */
export interface BundleEntry {
  path: string
  /**
   * `client` entries run in the browser: they resolve with browser conditions and are
   * written under `client/`, with the chunks of every client component a server
   * component references. `rsc` resolves with `react-server` first.
   */
  layer?: 'default' | 'rsc' | 'ssr' | 'client'
}

/** A bundler kept alive between builds (it keeps the resolver's caches). */
export class Bundler {
  constructor(options?: BundlerOptions)
  readonly root: string
  /** Rejects with a `BundleError`, having written nothing, when any module fails. */
  bundle(entries: Array<string | BundleEntry>, options: { outdir: string }): Promise<BundleResult>
}

export function bundle(options: BundleOptions): Promise<BundleResult>

/** The Rust matcher; same answers as `createRouteMatcher`. */
export class NativeRouteMatcher {
  constructor(tree: MatchTree)
  /** Throws an error whose message starts `DecodeError` for a malformed percent-encoding. */
  match(pathname: string): RouteMatch | null
}

export interface Diagnostic {
  severity: 'error' | 'warning'
  /** Stable identifier, e.g. `duplicate-page`. */
  code: string
  message: string
  /** Every file involved, relative to the project. */
  files: string[]
  location?: { file: string; line: number; column: number }
  codeFrame?: string
  /** The imports that reached the file, nearest first. */
  importTrace?: string[]
}

export interface RouteManifest {
  appDir: string | null
  pagesDir: string | null
  pageExtensions: string[]
  middleware: { file: string; convention: 'middleware' | 'proxy' } | null
  /** `_app`, `_document`, `_error` of the Pages Router. */
  pagesSpecial: Record<string, string>
  /** Most specific first. */
  routes: Route[]
  /** The segments that pages' trees point into, each once. */
  segments: TreeSegment[]
  interceptions: Interception[]
  /** Segment config and notable exports per route module. */
  modules: Record<string, ModuleInfo>
  matcher: MatchTree
  warnings: Diagnostic[]
}

export type RouteKind = 'page' | 'route' | 'metadata' | 'pagesPage' | 'pagesApi'

export interface Route {
  /** `/blog/[slug]` */
  path: string
  kind: RouteKind
  file: string
  params: Array<{ name: string; kind: 'dynamic' | 'catchAll' | 'optionalCatchAll' }>
  dynamic: boolean
  /** ○ static, ● ssg, ƒ dynamic, as far as the source tells before rendering. */
  rendering: 'static' | 'ssg' | 'dynamic'
  config?: SegmentConfig
  /** App Router pages: the tree to render, compact; `expandTree(manifest.segments, route.tree)` nests it. */
  tree?: CompactTree
}

export interface SegmentConfig {
  revalidate?: number | false
  dynamic?: 'auto' | 'force-dynamic' | 'error' | 'force-static'
  dynamicParams?: boolean
  fetchCache?: string
  runtime?: string
  preferredRegion?: string[]
  maxDuration?: number
}

export interface ModuleInfo {
  config?: SegmentConfig
  exports?: string[]
}

export interface Interception {
  path: string
  marker: '(.)' | '(..)' | '(..)(..)' | '(...)'
  interceptingPath: string
  interceptedPath: string
  route: number
}
