// Matches a pathname against the route trie that `compileRoutes` puts in the
// manifest (`manifest.matcher`). Plain JS with no imports: it runs in the Worker,
// where the native addon cannot load. Mirrors `MatchTree::match_path` in Rust; the
// two are held together by one set of test vectors.

/** A path segment that is not valid percent-encoded UTF-8. Next answers 400. */
export class DecodeError extends Error {
  /** @param {string} segment */
  constructor(segment) {
    super(`failed to decode param ${JSON.stringify(segment)}`)
    this.name = 'DecodeError'
    this.segment = segment
  }
}

/**
 * @typedef {{ route: number, params: Record<string, string | string[]> }} RouteMatch
 * @param {import('./route-matcher.d.ts').MatchTree} tree
 */
export function createRouteMatcher(tree) {
  return {
    /**
     * @param {string} pathname  the URL's pathname, without query or hash
     * @returns {RouteMatch | null}
     */
    match(pathname) {
      let start = pathname.charCodeAt(0) === 47 ? 1 : 0
      let end = pathname.length
      if (end > start && pathname.charCodeAt(end - 1) === 47) end--
      const segments = end > start ? pathname.slice(start, end).split('/').map(decode) : []
      return walk(tree, segments, 0, [])
    },
  }
}

/** @param {string} segment */
function decode(segment) {
  if (!segment.includes('%')) return segment
  try {
    return decodeURIComponent(segment)
  } catch {
    throw new DecodeError(segment)
  }
}

/**
 * Depth first, in Next's order: static, then each `[x]`, then `[...x]`/`[[...x]]`.
 * @param {any} node
 * @param {string[]} segments
 * @param {number} index
 * @param {Array<[string, string | string[]]>} params  the params bound so far
 * @returns {RouteMatch | null}
 */
function walk(node, segments, index, params) {
  if (index === segments.length) {
    if (node.route !== undefined) return found(node.route, params)
    // `[[...x]]` matches its parent's path with the param absent.
    return node.optionalCatchAll ? found(node.optionalCatchAll.route, params) : null
  }
  const segment = segments[index]
  if (segment !== '') {
    const statics = node.static
    if (statics !== undefined && Object.hasOwn(statics, segment)) {
      const matched = walk(statics[segment], segments, index + 1, params)
      if (matched) return matched
    }
    const dynamic = node.dynamic
    if (dynamic !== undefined) {
      for (const child of dynamic) {
        params.push([child.param, segment])
        const matched = walk(child.node, segments, index + 1, params)
        if (matched) return matched
        params.pop()
      }
    }
  }
  const leaf = node.catchAll ?? node.optionalCatchAll
  if (!leaf) return null
  params.push([leaf.param, segments.slice(index)])
  const matched = found(leaf.route, params)
  params.pop()
  return matched
}

/**
 * @param {number} route
 * @param {Array<[string, string | string[]]>} params
 */
function found(route, params) {
  /** @type {Record<string, string | string[]>} */
  const values = {}
  for (const [name, value] of params) values[name] = value
  return { route, params: values }
}
