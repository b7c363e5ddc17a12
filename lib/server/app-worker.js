// The Worker's request handler, in the rsc layer: match the URL, then answer with a
// route handler, a page's flight payload (`RSC: 1`), or the page as HTML.
import { renderToReadableStream } from 'react-server-dom-webpack/server'
import { clientManifest } from 'vnext:rsc-manifests'

import { DecodeError, createRouteMatcher } from '../runtime/route-matcher.js'
import { httpFallbackStatus, isRedirectError, redirectLocation } from '../shims/next/navigation-errors.js'
import { implicitTags } from './cache-tags.js'
import { DataCache } from './data-cache.js'
import { CACHE_BINDING, KvStore } from './kv-store.js'
import { keepStreamingUncompressed, markStreaming } from './local-streaming.js'
import { handleMetadataRoute } from './metadata-route.js'
import { NO_STORE, PRERENDER_HEADER, PageCache, STATIC_PARAMS_PATH, cacheControl, cacheKey, encodeEntry, entryMetadata, isStale } from './page-cache.js'
import { ACCESS_FALLBACKS, accessFallbackStatus, childrenChain, dynamicSegment, renderPageTree } from './page-tree.js'
import './patched-fetch.js'
import { DynamicUsageError, appendResponseCookies, createRequestStore, requestStore, scheduleAfterCallbacks, synchronizeMutableCookies } from './request-store.js'
import { settleRevalidations } from './revalidation.js'
import { renderRouteEntry, serveRoute } from './route-cache.js'
import { SLOTS_HEADER, composeSlots, interceptingRoute } from './soft-navigation.js'
import { ActionNotFoundError, isActionRequest, runAction } from './server-action.js'
import { staticPaths } from './static-params.js'

const HTML = 'text/html; charset=utf-8'
const FLIGHT = 'text/x-component'
const RSC_VARY = 'rsc, next-router-state-tree, next-router-prefetch, next-router-segment-prefetch'

/**
 * @param {{
 *   routes: Array<{ path: string, kind: string, load?: () => Promise<any>, tree?: import('./page-tree.js').Segment }>,
 *   matcher: import('../runtime/route-matcher.d.ts').MatchTree,
 *   interceptions: Array<{ interceptingPath: string, interceptedPath: string, route: number }>,
 *   rootSegment: import('./page-tree.js').Segment,
 *   renderHtml: typeof import('./render-html.js').renderHtml,
 * }} app what the generated server entry knows
 * @param {{ bootstrapModules: string[], stylesheets: string[][], rootStylesheets: string[], previewModeId: string, pageCache: object, buildId: string, serverActions: import('./server-action.js').ActionPolicy }} build
 *   what the build learnt after bundling: the browser entry, each route's stylesheets
 *   (by route index) and the secret that turns draft mode on
 */
export function createAppWorker(app, build) {
  const matcher = createRouteMatcher(app.matcher)
  // Drawn icons and social images take their route's module loader, once for every request.
  const withLoader = (image) => (image.route === undefined ? image : { ...image, load: app.routes[image.route].load })
  build = {
    ...build,
    fileLinks: { ...build.fileLinks, lists: build.fileLinks.lists.map((links) => links.map(withLoader)) },
    fileImages: { ...build.fileImages, lists: build.fileImages.lists.map((list) => list.map((entry) => withImageLoaders(entry, withLoader))) },
  }
  return {
    async fetch(request, env, ctx) {
      const url = new URL(request.url)
      const waitUntil = (promise) => ctx?.waitUntil(promise)
      if (isPrerenderRequest(request, env)) return answerPrerender(url, matcher, app, build)
      let found
      try {
        found = matcher.match(url.pathname)
      } catch (error) {
        if (error instanceof DecodeError) return new Response(null, { status: 400 })
        throw error
      }
      const isNavigation = request.headers.get('rsc') === '1'
      // A soft navigation from an intercepting URL shows the intercepting route instead.
      const intercepting = found && isNavigation ? interceptingRoute(app.interceptions, url.pathname, request.headers.get('next-url')) : null
      if (intercepting !== null) found = { route: intercepting, params: found.params }
      const route = found && app.routes[found.route]
      const params = found && Object.keys(found.params).length > 0 ? found.params : undefined
      const kv = env?.[CACHE_BINDING] ? new KvStore(env[CACHE_BINDING]) : null
      const cache = kv ? { kv, data: new DataCache(kv, waitUntil) } : undefined
      const options = { previewModeId: build.previewModeId, route: route?.path, cache }
      if (route?.kind === 'route') {
        const policy = build.pageCache[found.route]
        // With `dynamicParams = false`, only the generated paths exist (the rest fall through to not-found).
        if (!policy?.paths || policy.paths.includes(url.pathname)) {
          return serveRoute(route, policy, { request, url, params, waitUntil, options, buildId: build.buildId })
        }
      }
      if (route?.kind === 'metadata' && route.load) {
        const response = await handleMetadataRoute(route.file, await route.load(), found.params)
        if (response) return response
      }
      const page = route?.kind === 'page' ? pageOf(route, found.route, url, app, build, isNavigation ? keptSlots(request) : {}) : null
      if (!page && isPrefetch(request)) return prefetchDeclined()
      const isAction = page !== null && isActionRequest(request)
      const store = createRequestStore(request, { ...options, ...configOptions(page), phase: isAction ? 'action' : 'render', isAction })
      const context = { request, url, app, build, store, waitUntil, options }
      return requestStore.run(store, async () => {
        let rendered
        if (isAction) rendered = await answerAction(page, context)
        else if (page) rendered = await servePage(page, context)
        else rendered = noStore(await renderPage(notFoundPage(app, build), context))
        const response = request.method === 'HEAD' ? new Response(null, rendered) : rendered
        if (page && isNavigation) response.headers.set(SLOTS_HEADER, JSON.stringify(page.slotSources))
        await keepStreamingUncompressed(rendered, response, env)
        appendResponseCookies(response.headers, store)
        scheduleAfterCallbacks(store, waitUntil)
        return response
      })
    },
  }
}

/**
 * What rendering a page needs: its tree (with the slots a soft navigation keeps, from
 * `kept`), params, stylesheets, metadata file links, scripts, caching policy and segment config.
 */
function pageOf(route, index, url, app, build, kept = {}) {
  const config = build.pageConfig[index] ?? {}
  const shared = ({ lists, byRoute }) => lists[byRoute[index]] ?? []
  const slots = composeSlots(route.tree, { route: index, pathname: url.pathname }, app.routes, kept, encodedParams)
  return {
    path: route.path,
    tree: slots.tree,
    slotSources: slots.sources,
    // Kept slots make this render the browser's own: it is neither cached nor served from the cache.
    grafted: slots.grafted,
    params: encodedParams(route.path, url.pathname),
    stylesheets: build.stylesheets[index],
    fileLinks: shared(build.fileLinks),
    fileImages: shared(build.fileImages),
    scripts: [...build.bootstrapModules, ...shared(build.clientScripts)],
    policy: build.pageCache[index],
    config,
  }
}

/** The request store options a page's `dynamic` and `fetchCache` config ask for. */
function configOptions(page) {
  if (!page) return {}
  const { dynamic, fetchCache } = page.config
  return { forceStatic: dynamic === 'force-static', dynamicShouldError: dynamic === 'error', fetchCache }
}

/**
 * Answers a page from the cache when its route is static: a fresh entry is a HIT, an
 * old one is served STALE while one regeneration runs after the response, and a
 * missing one is rendered (MISS) and stored. Dynamic routes, draft mode, methods
 * other than GET and HEAD, and navigations that keep slots render every time (and a
 * prefetch of them gets 204).
 */
async function servePage(page, context) {
  const { request, url, app, build, store, waitUntil, options } = context
  const { policy } = page
  // With `dynamicParams = false`, only the generated paths exist.
  if (policy?.paths && !policy.paths.includes(url.pathname)) return noStore(await renderPage(notFoundPage(app, build), context))
  const cacheable = policy && (request.method === 'GET' || request.method === 'HEAD') && !store.draftMode && !page.grafted
  if (!cacheable && isPrefetch(request)) return prefetchDeclined()
  if (!cacheable) return noStore(await renderPage(page, context))
  const wantsFlight = request.headers.get('rsc') === '1'
  const cache = options.cache && new PageCache(options.cache.kv, build.buildId)
  const cached = await cache?.read(url.pathname)
  if (cached) {
    const stale = isStale(cached.metadata)
    if (stale) waitUntil(cache.regenerate(url.pathname, () => regenerate(page, context)))
    return entryResponse(cached, wantsFlight, stale ? 'STALE' : 'HIT')
  }
  const rendered = await renderEntry(page, context)
  if (rendered instanceof Response) return rendered
  if (rendered.cacheable) waitUntil(cache?.write(url.pathname, rendered.entry))
  return entryResponse(rendered.entry, wantsFlight, rendered.cacheable ? 'MISS' : null)
}

/** A router's prefetch: answered only from the page cache, since rendering for it would be wasted. */
function isPrefetch(request) {
  return request.headers.get('next-router-prefetch') === '1'
}

function prefetchDeclined() {
  return new Response(null, { status: 204, headers: { vary: RSC_VARY } })
}

/** Renders a page for the cache in a request of its own, as a revalidation does. */
function regenerate(page, context) {
  const request = new Request(context.url)
  const store = createRequestStore(request, { ...context.options, ...configOptions(page), phase: 'render' })
  return requestStore.run(store, async () => {
    const rendered = await renderEntry(page, { ...context, request, store })
    if (rendered instanceof Response || !rendered.cacheable) throw new Error(`${context.url.pathname} can no longer be cached: it redirected, failed or read request data`)
    return rendered.entry
  })
}

/**
 * Renders a page to a cache entry: its HTML and flight payload, whole. It may be cached
 * when it rendered without reading request data and showed the page or its not-found.
 * A redirect comes back as the Response to send.
 * @returns {Promise<Response | { entry: import('./page-cache.js').PageEntry, cacheable: boolean }>}
 */
async function renderEntry(page, context) {
  const { build, store } = context
  const renderedAt = Date.now()
  const rendered = await renderPage(page, context, 'entry')
  if (rendered instanceof Response) return rendered
  const shortest = Math.min(page.policy.revalidate === false ? Infinity : page.policy.revalidate, store.dataRevalidate ?? Infinity)
  const tags = [...implicitTags(page.path, context.url.pathname), ...store.cacheTags]
  const metadata = entryMetadata(rendered, { renderedAt, revalidate: shortest === Infinity ? false : shortest, build: build.buildId, tags })
  const cacheable = !store.usedDynamic && (rendered.status === 200 || rendered.status === 404)
  return { entry: { html: rendered.html, flight: rendered.flight, metadata }, cacheable }
}

/**
 * The response for a cache entry; `cacheState` is null for a render that could not be
 * cached, which is sent as a dynamic page is.
 */
function entryResponse(entry, wantsFlight, cacheState) {
  const { metadata } = entry
  const headers = new Headers({ vary: RSC_VARY, 'cache-control': cacheState ? cacheControl(metadata.revalidate) : NO_STORE })
  if (cacheState) headers.set('x-nextjs-cache', cacheState)
  if (wantsFlight) {
    headers.set('content-type', FLIGHT)
    headers.set('x-vnext-root-layout', metadata.rootLayout)
    return new Response(entry.flight, { status: metadata.status, headers })
  }
  headers.set('content-type', HTML)
  return new Response(entry.html, { status: metadata.status, headers })
}

/** A rendered page that no cache may keep, as Next sends dynamic pages. */
function noStore(response) {
  if (!response.headers.has('location')) response.headers.set('cache-control', NO_STORE)
  return response
}

/**
 * Whether the build is asking: it loads the Worker with a secret in
 * `VNEXT_PRERENDER`, which a deployed Worker does not have.
 */
function isPrerenderRequest(request, env) {
  return typeof env?.VNEXT_PRERENDER === 'string' && request.headers.get(PRERENDER_HEADER) === env.VNEXT_PRERENDER
}

/**
 * The build's two questions: which paths a route generates
 * (`/_vnext/static-params?route=N`), and a page's (or route handler's) cache entry,
 * rendered as a request would render it. An entry comes back as its KV value, with its metadata in a header;
 * a page that read request data answers 204, since it cannot be prerendered.
 */
async function answerPrerender(url, matcher, app, build) {
  if (url.pathname === STATIC_PARAMS_PATH) {
    const route = app.routes[Number(url.searchParams.get('route'))]
    return Response.json(await staticPaths(route))
  }
  const found = matcher.match(url.pathname)
  const route = app.routes[found.route]
  if (route.kind === 'route') return answerRoutePrerender(route, found, url, build)
  const page = pageOf(route, found.route, url, app, build)
  const renderRequest = new Request(url)
  const store = createRequestStore(renderRequest, { previewModeId: build.previewModeId, route: route.path, ...configOptions(page), phase: 'render', prerendering: true })
  let rendered
  try {
    rendered = await requestStore.run(store, () => renderEntry(page, { request: renderRequest, url, app, build, store }))
  } catch (error) {
    if (!(error instanceof DynamicUsageError)) throw error
  }
  if (store.usedDynamic) return prerenderOutcome('dynamic')
  if (rendered instanceof Response) return prerenderOutcome(rendered.status >= 500 ? 'error' : 'redirect')
  if (rendered.entry.metadata.status >= 500) return prerenderOutcome('error')
  if (!rendered.cacheable) return prerenderOutcome(`status ${rendered.entry.metadata.status}`)
  return prerenderedEntry(rendered.entry, url)
}

/** A route handler's GET, run without request data: its response becomes a cache entry unless it read any. */
async function answerRoutePrerender(route, found, url, build) {
  const params = Object.keys(found.params).length > 0 ? found.params : undefined
  const policy = build.pageCache[found.route]
  const options = { previewModeId: build.previewModeId, route: route.path, resolvedPagePath: route.path, prerendering: true, buildId: build.buildId }
  const rendered = await renderRouteEntry(await route.load(), new Request(url), params, policy, options)
  if (rendered.store?.usedDynamic) return prerenderOutcome('dynamic')
  if (rendered.entry.metadata.status >= 500) return prerenderOutcome('error')
  if (!rendered.cacheable) return prerenderOutcome(`status ${rendered.entry.metadata.status}`)
  return prerenderedEntry(rendered.entry, url)
}

function prerenderOutcome(what) {
  return new Response(null, { status: 204, headers: { [PRERENDER_HEADER]: what } })
}

async function prerenderedEntry(entry, url) {
  const headers = { [PRERENDER_HEADER]: 'entry', 'x-vnext-metadata': JSON.stringify(entry.metadata), 'x-vnext-key': await cacheKey(url.pathname) }
  return new Response(encodeEntry(entry), { headers })
}

/**
 * Runs a server action, then answers: to the browser's router, the action's result
 * and, when the action changed something, the new tree, as one flight payload; to a form sent
 * without JavaScript, the page's HTML. A `redirect()` in the action is a 303 for a
 * form, and for the router a header it follows.
 */
async function answerAction(page, context) {
  const { request, url, store, build } = context
  const fromRouter = request.headers.has('next-action')
  let result
  try {
    // Revalidations finish before the answer, which may re-render what they expired.
    result = await runAction(request, build.serverActions).finally(() => settleRevalidations(store))
  } catch (error) {
    if (isRedirectError(error)) {
      const { url: location } = redirectLocation(error)
      return fromRouter ? new Response(null, { headers: { 'x-action-redirect': location } }) : new Response(null, { status: 303, headers: { location } })
    }
    if (error instanceof ActionNotFoundError) {
      console.warn(error.message)
      return error.toResponse()
    }
    reportError(error)
    return new Response(null, { status: 500 })
  }
  synchronizeMutableCookies(store)
  store.phase = 'render'
  if (!fromRouter) return noStore(await renderPage(page, { ...context, formState: result?.formState }))
  // As in Next, the page comes back only when the action revalidated or set cookies.
  const changed = store.revalidated || store.responseCookies.getAll().length > 0
  const root = changed
    ? await renderPageTree(page.tree, treeRequest(page, url))
    : undefined
  const flight = renderToReadableStream({ returnValue: result?.returnValue, root }, clientManifest, { onError: reportError })
  return new Response(flight, { headers: { 'content-type': FLIGHT, vary: RSC_VARY } })
}

/** What `renderPageTree` needs to know of the request. */
function treeRequest(page, url) {
  return { pathname: url.pathname, params: page.params, searchParams: url.searchParams, stylesheets: page.stylesheets, fileLinks: page.fileLinks ?? [], fileImages: page.fileImages ?? [] }
}

/**
 * A page's params as Next 16 gives them: the URL's segments as they were sent, still
 * percent-encoded (the matcher decodes them to compare with folder names).
 * @param {string} routePath e.g. `/docs/[...slug]`
 * @param {string} pathname
 */
function encodedParams(routePath, pathname) {
  const sent = pathname.split('/').filter(Boolean)
  const params = {}
  routePath
    .split('/')
    .filter(Boolean)
    .forEach((part, index) => {
      const dynamic = dynamicSegment(part)
      if (!dynamic) return
      if (!dynamic.catchAll) params[dynamic.name] = sent[index]
      else if (sent.length > index || !dynamic.optional) params[dynamic.name] = sent.slice(index)
    })
  return params
}

/** The browser's map of what its slots show (soft-navigation.js); empty when absent or unreadable. */
function keptSlots(request) {
  try {
    const kept = JSON.parse(request.headers.get(SLOTS_HEADER) ?? '{}')
    return kept && typeof kept === 'object' ? kept : {}
  } catch {
    return {}
  }
}

/** The root layout with its not-found content: what an unmatched URL shows. */
function notFoundPage(app, build) {
  return { tree: app.rootSegment, params: {}, stylesheets: build.rootStylesheets, cut: { depth: 0, kind: 'not-found' } }
}

/**
 * Renders until a shell succeeds. When the page throws `notFound()` or an error before
 * anything streamed, the render is repeated with the closest `not-found.js` or
 * `error.js` in its place (a layout that throws moves the cut one segment up), and
 * the status says what happened. `mode` is what to produce: the document, the flight
 * payload of a navigation, or both, whole, for the cache.
 * @param {'html' | 'flight' | 'entry'} [mode]
 */
async function renderPage(page, context, mode = context.request.headers.get('rsc') === '1' ? 'flight' : 'html') {
  const { url, app, build } = context
  const rootLayout = rootLayoutKey(page.tree)
  let cut = page.cut
  for (;;) {
    const errors = []
    const onError = (error) => {
      errors.push(error)
      return reportError(error)
    }
    try {
      const tree = await renderPageTree(page.tree, { ...treeRequest(page, url), cut })
      const flight = renderToReadableStream(tree, clientManifest, { onError })
      const status = cut ? (accessFallbackStatus(cut.kind) ?? 500) : 200
      if (mode === 'flight') {
        // A navigation streams, as in Next: `loading.js` and Suspense fallbacks show while
        // the rest renders. What the page throws reaches the browser in the payload, where
        // the segments' boundaries show `error.js` or `not-found.js`, or follow a redirect.
        const headers = { 'content-type': FLIGHT, vary: RSC_VARY, 'x-vnext-root-layout': rootLayout }
        return markStreaming(new Response(flight, { status: cut?.kind === 'not-found' ? 404 : 200, headers }))
      }
      const htmlOptions = { bootstrapModules: page.scripts ?? build.bootstrapModules, rootLayout, formState: context.formState, slotSources: page.slotSources ?? {} }
      if (mode === 'entry') {
        const [forHtml, payload] = flight.tee()
        const html = await app.renderHtml(forHtml, htmlOptions)
        const [htmlBytes, flightBytes] = await Promise.all([bytesOf(html.body), bytesOf(payload)])
        if (errors.length > 0 && !cut) throw errors[0]
        return { status, html: htmlBytes, flight: flightBytes, rootLayout }
      }
      const html = await app.renderHtml(flight, htmlOptions)
      const response = new Response(html.body, { status, headers: { 'content-type': HTML, vary: RSC_VARY } })
      return markStreaming(response, html.allReady)
    } catch (error) {
      if (isRedirectError(error)) {
        const { url: location, status } = redirectLocation(error)
        return new Response(null, { status, headers: { location } })
      }
      // A prerender that reached request data: the route is dynamic, nothing to show.
      if (error instanceof DynamicUsageError) throw error
      const digest = reportError(error)
      let next = nextCut(page.tree, cut, ACCESS_FALLBACKS[httpFallbackStatus(error)]?.file ?? 'error', digest)
      // Nothing below the root layout caught it: global-error.js replaces the document.
      if (!next && cut?.kind !== 'global-error' && page.tree.files['global-error']) next = { depth: -1, kind: 'global-error', digest }
      if (!next) return globalErrorResponse()
      cut = next
    }
  }
}

async function bytesOf(stream) {
  return new Uint8Array(await new Response(stream).arrayBuffer())
}

/**
 * Names the root layout: the segments down to the first that has a layout. The client
 * router loads a new document when it changes, as the App Router does.
 */
function rootLayoutKey(root) {
  const chain = childrenChain(root)
  const depth = chain.findIndex((node) => node.files.layout)
  return chain
    .slice(0, depth === -1 ? chain.length : depth + 1)
    .map((node) => node.segment)
    .join('/')
}

/**
 * The closest segment above the current cut (or from the page up) that has the file
 * for `kind`; the root always shows a not-found, forbidden or unauthorized page,
 * Next's own if it has none.
 */
function nextCut(root, current, kind, digest) {
  const chain = childrenChain(root)
  let depth = current ? current.depth - (current.kind === kind ? 1 : 0) : chain.length - 1
  for (; depth >= 0; depth--) {
    if (chain[depth].files[kind] || (accessFallbackStatus(kind) && depth === 0)) return { depth, kind, digest }
  }
  return null
}

/** Next's digest: a hash of the message and stack, so logs and pages can be matched. */
function reportError(error) {
  if (error instanceof DynamicUsageError) return ''
  if (error && typeof error === 'object' && typeof error.digest === 'string') return error.digest
  const text = error instanceof Error ? `${error.message}${error.stack ?? ''}` : String(error)
  let hash = 5381
  for (let i = 0; i < text.length; i++) hash = ((hash << 5) + hash + text.charCodeAt(i)) | 0
  const digest = String(hash >>> 0)
  if (error && typeof error === 'object') {
    error.digest = digest
    console.error(error)
  }
  return digest
}

function globalErrorResponse() {
  const body =
    '<!DOCTYPE html><html><head><meta charSet="utf-8"/><meta name="robots" content="noindex"/><title>500: Internal Server Error.</title></head><body><h1>500</h1><h2>Internal Server Error.</h2></body></html>'
  return new Response(body, { status: 500, headers: { 'content-type': HTML } })
}

/** A segment's social images, drawn ones with their module loader. */
function withImageLoaders(entry, withLoader) {
  const loaded = { ...entry }
  for (const key of ['openGraph', 'twitter']) {
    if (entry[key]) loaded[key] = entry[key].map(withLoader)
  }
  return loaded
}
