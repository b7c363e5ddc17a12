import type { MatchTree, RouteMatch } from './lib/runtime/route-matcher.js'

export { createRouteMatcher, DecodeError } from './lib/runtime/route-matcher.js'
export type { MatchTree, RouteMatch } from './lib/runtime/route-matcher.js'

export interface CompileRoutesOptions {
  /** `pageExtensions` from `next.config`; default `['tsx', 'ts', 'jsx', 'js']`. */
  pageExtensions?: string[]
}

/** Compiles the routes of the Next.js app in `projectDir`. Rejects with a `RouteCompileError`. */
export function compileRoutes(projectDir: string, options?: CompileRoutesOptions): Promise<RouteManifest>

export class RouteCompileError extends Error {
  diagnostics: Diagnostic[]
}

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
  tree?: LoaderTree
}

export interface LoaderTree {
  segment: string
  files: Record<string, string>
  slots?: Record<string, LoaderTree>
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
