// The paths a route's `generateStaticParams` produce, as Next computes them: from the
// root down, each segment's function is called once per params of the segments above
// it, and what it returns is added to those params.
import { childrenChain, dynamicSegment } from './page-tree.js'

/**
 * @param {{ path: string, tree?: import('./page-tree.js').Segment, load?: () => Promise<any> }} route
 *   a page route (its segments' layouts and page), or a route handler (its one module)
 * @returns {Promise<string[]>} the URL paths, percent-encoded as a browser sends them
 */
export async function staticPaths(route) {
  const loaders = route.tree ? childrenChain(route.tree).flatMap((node) => [node.files.layout, node.files.page].filter(Boolean)) : [route.load]
  let paramSets = [{}]
  for (const load of loaders) {
    const generate = (await load()).generateStaticParams
    if (typeof generate !== 'function') continue
    const next = []
    for (const parent of paramSets) {
      for (const params of await generate({ params: parent })) next.push({ ...parent, ...params })
    }
    paramSets = next
  }
  return paramSets.map((params) => fillPath(route.path, params)).filter((path) => path !== null)
}

/**
 * `/blog/[lang]/[...rest]` with `{ lang: 'en', rest: ['a', 'b'] }` is `/blog/en/a/b`;
 * null when a required param is missing (that path is left to render on demand).
 */
function fillPath(pattern, params) {
  const parts = []
  for (const part of pattern.split('/').filter(Boolean)) {
    const dynamic = dynamicSegment(part)
    if (!dynamic) {
      parts.push(part)
      continue
    }
    const value = params[dynamic.name]
    if (dynamic.catchAll && Array.isArray(value) && value.length > 0) parts.push(...value.map(encodeURIComponent))
    else if (!dynamic.catchAll && typeof value === 'string') parts.push(encodeURIComponent(value))
    else if (!dynamic.optional) return null
  }
  return `/${parts.join('/')}`
}
