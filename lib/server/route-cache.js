// Route handlers that opt into caching (`dynamic = 'force-static'`, `revalidate`,
// `generateStaticParams`): their GET responses are prerendered at build time and kept
// in the page cache, served as pages are (HIT, STALE while one regeneration runs, MISS).
// A handler that reads request data, sets cookies or does not answer 200 is not kept.
import { encodeTags, implicitTags } from './cache-tags.js'
import { PageCache, cacheControl, isStale } from './page-cache.js'
import { scheduleAfterCallbacks } from './request-store.js'
import { STRIPPED_RESPONSE_HEADERS, handleRouteRequest, runRoute } from './route-handler.js'

/** KV refuses metadata over 1 KB; a response whose headers do not fit is not kept. */
const MAX_METADATA_BYTES = 1024

/**
 * @param {{ path: string, load: () => Promise<Record<string, unknown>> }} route
 * @param {{ revalidate: number | false } | undefined} policy the route's cache policy, when it is cached
 * @param {{ request: Request, url: URL, params: object | undefined, waitUntil: (promise: Promise<unknown>) => void, options: object, buildId: string }} context
 */
export async function serveRoute(route, policy, context) {
  const { request, url, params, waitUntil, options, buildId } = context
  const module = await route.load()
  const routeOptions = { ...options, resolvedPagePath: route.path, buildId }
  const isHead = request.method === 'HEAD'
  if (!policy || !(request.method === 'GET' || isHead)) return handleRouteRequest(module, request, params, waitUntil, routeOptions)
  const cache = options.cache && new PageCache(options.cache.kv, buildId)
  const cached = await cache?.read(url.pathname)
  if (cached) {
    const stale = isStale(cached.metadata)
    if (stale) {
      const regenerate = async () => {
        const rendered = await renderRouteEntry(module, new Request(url), params, policy, routeOptions)
        if (!rendered.cacheable) throw new Error(`${url.pathname} can no longer be cached: its handler failed or read request data`)
        return rendered.entry
      }
      waitUntil(cache.regenerate(url.pathname, regenerate))
    }
    return entryResponse(cached, stale ? 'STALE' : 'HIT', isHead)
  }
  const rendered = await renderRouteEntry(module, isHead ? new Request(request, { method: 'GET' }) : request, params, policy, routeOptions)
  if (rendered.store) scheduleAfterCallbacks(rendered.store, waitUntil)
  if (rendered.cacheable) waitUntil(cache?.write(url.pathname, rendered.entry))
  return entryResponse(rendered.entry, rendered.cacheable ? 'MISS' : null, isHead)
}

/**
 * Runs the handler's GET and reads its whole response into a cache entry.
 * @returns {Promise<{ entry: import('./page-cache.js').RouteEntry, cacheable: boolean, store: any }>}
 */
export async function renderRouteEntry(module, request, params, policy, options) {
  const renderedAt = Date.now()
  const { response, store } = await runRoute(module, request, params, options)
  const body = new Uint8Array(await response.arrayBuffer())
  const headers = Object.fromEntries([...response.headers].filter(([name]) => !STRIPPED_RESPONSE_HEADERS.includes(name)))
  const shortest = Math.min(policy.revalidate === false ? Infinity : policy.revalidate, store?.dataRevalidate ?? Infinity)
  const pathname = new URL(request.url).pathname
  const tags = [...implicitTags(options.route, pathname), ...(store?.cacheTags ?? [])]
  const metadata = {
    kind: 'route',
    status: response.status,
    headers,
    renderedAt,
    revalidate: shortest === Infinity ? false : shortest,
    build: options.buildId,
    tags: encodeTags(tags),
  }
  const fits = new TextEncoder().encode(JSON.stringify(metadata)).length <= MAX_METADATA_BYTES
  const cacheable = Boolean(store) && !store.usedDynamic && response.status === 200 && !('set-cookie' in headers) && fits
  return { entry: { body, metadata }, cacheable, store }
}

/** The response for a route entry; `cacheState` is null for one that could not be cached, sent as the handler made it. */
function entryResponse(entry, cacheState, isHead) {
  const { metadata } = entry
  const headers = new Headers(metadata.headers)
  if (cacheState) {
    headers.set('x-nextjs-cache', cacheState)
    headers.set('cache-control', cacheControl(metadata.revalidate))
  }
  return new Response(isHead ? null : entry.body, { status: metadata.status, headers })
}
