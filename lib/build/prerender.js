// Prerendering: the built Worker module is loaded into this process, as `vnext start
// --runtime node` serves it, and asked, with a secret only this build knows, for each
// static route's page and for each path its `generateStaticParams` give. (Next also
// prerenders in Node; starting workerd for it cost more than a second of a build.)
// A page that reads request data while rendering is dynamic after all, as Next
// decides it; the others become cache entries for KV.
import { randomBytes } from 'node:crypto'

import { PRERENDER_HEADER, STATIC_PARAMS_PATH } from '../server/page-cache.js'
import { importWorker } from '../start/node.js'

/** Renders in flight at once: they interleave while each awaits its modules and data. */
const CONCURRENCY = 8

export class PrerenderError extends Error {}

/**
 * @typedef {{ rendering: 'static' | 'ssg' | 'dynamic', revalidate: number | false, paths: string[] }} RouteResult
 * @typedef {{ path: string, key: string, value: Uint8Array, metadata: import('../server/page-cache.js').EntryMetadata }} PrerenderedPage
 */

/**
 * @param {string} outputDir a laid-out build whose Worker caches the routes in `candidates`
 * @param {Map<number, { path: string, generatesParams: boolean, revalidate: number | false }>} candidates
 *   the pages and route handlers that may be static, by route index
 * @returns {Promise<{ routes: Map<number, RouteResult>, pages: PrerenderedPage[] }>}
 */
export async function prerender(outputDir, candidates) {
  if (candidates.size === 0) return { routes: new Map(), pages: [] }
  const secret = randomBytes(16).toString('hex')
  const worker = await importWorker(outputDir)
  const env = { VNEXT_PRERENDER: secret }
  const pending = []
  const context = { waitUntil: (promise) => pending.push(promise), passThroughOnException() {} }
  const ask = (path) => worker.fetch(new Request(new URL(path, 'http://localhost/'), { headers: { [PRERENDER_HEADER]: secret } }), env, context)
  try {
    const routes = new Map()
    const jobs = []
    for (const [index, route] of candidates) {
      let paths = [route.path]
      if (route.generatesParams) {
        const response = await ask(`${STATIC_PARAMS_PATH}?route=${index}`)
        if (!response.ok) throw new PrerenderError(`generateStaticParams of ${route.path} failed; its error is logged above.`)
        paths = await response.json()
      }
      routes.set(index, { rendering: route.generatesParams ? 'ssg' : 'static', revalidate: route.revalidate, paths })
      jobs.push(...paths.map((path) => ({ index, path })))
    }
    const pages = []
    await eachLimited(jobs, CONCURRENCY, async ({ index, path }) => {
      const response = await ask(path)
      const outcome = response.headers.get(PRERENDER_HEADER)
      if (!response.ok || !outcome) throw new PrerenderError(`Prerendering ${path} failed (status ${response.status}); its error is logged above.`)
      const result = routes.get(index)
      if (outcome === 'dynamic') {
        result.rendering = 'dynamic'
        return
      }
      if (outcome === 'error') throw new PrerenderError(`Prerendering ${path} failed; the error is logged above.`)
      if (outcome !== 'entry') return
      const metadata = JSON.parse(response.headers.get('x-vnext-metadata'))
      pages.push({ path, key: response.headers.get('x-vnext-key'), value: new Uint8Array(await response.arrayBuffer()), metadata, index })
    })
    const kept = pages.filter((page) => routes.get(page.index).rendering !== 'dynamic')
    // What is listed and, with `dynamicParams = false`, served: the paths that prerendered, in their generated order.
    const prerendered = new Set(kept.map((page) => page.path))
    for (const result of routes.values()) result.paths = result.paths.filter((path) => prerendered.has(path))
    // A fetch's `next.revalidate` may shorten a route's time.
    for (const page of kept) {
      const result = routes.get(page.index)
      if (page.metadata.revalidate !== false && (result.revalidate === false || page.metadata.revalidate < result.revalidate)) result.revalidate = page.metadata.revalidate
    }
    return { routes, pages: kept.map(({ index, ...page }) => page) }
  } finally {
    await Promise.allSettled(pending)
  }
}

/**
 * Runs `task` over `items`, at most `limit` at a time. The first failure stops the
 * rest from starting; it is thrown once those in flight have settled, so none is left
 * reading a staging folder the failed build removes.
 */
async function eachLimited(items, limit, task) {
  let next = 0
  let failure = null
  const worker = async () => {
    while (next < items.length && !failure) {
      try {
        await task(items[next++])
      } catch (error) {
        failure ??= { error }
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  if (failure) throw failure.error
}
