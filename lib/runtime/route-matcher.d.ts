/** A node of the route trie in `RouteManifest.matcher`. */
export interface MatchTree {
  route?: number
  static?: Record<string, MatchTree>
  dynamic?: Array<{ param: string; node: MatchTree }>
  catchAll?: { param: string; route: number }
  optionalCatchAll?: { param: string; route: number }
}

export interface RouteMatch {
  /** Index into `RouteManifest.routes`. */
  route: number
  /** Decoded; catch-alls are arrays; an optional catch-all with nothing to match is absent. */
  params: Record<string, string | string[]>
}

export class DecodeError extends Error {
  segment: string
}

export function createRouteMatcher(tree: MatchTree): {
  /** Throws `DecodeError` for a malformed percent-encoding. */
  match(pathname: string): RouteMatch | null
}
