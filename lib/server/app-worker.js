// The Worker's request handler, in the rsc layer: match the URL, then answer with a
// route handler, a page's flight payload (`RSC: 1`), or the page as HTML.
import { renderToReadableStream } from 'react-server-dom-webpack/server'
import { clientManifest } from 'vnext:rsc-manifests'

import { DecodeError, createRouteMatcher } from '../runtime/route-matcher.js'
import { httpFallbackStatus, isRedirectError, redirectLocation } from '../shims/next/navigation-errors.js'
import { handleMetadataRoute } from './metadata-route.js'
import { dynamicSegment, renderPageTree } from './page-tree.js'
import { appendResponseCookies, createRequestStore, requestStore, scheduleAfterCallbacks, synchronizeMutableCookies } from './request-store.js'
import { handleRouteRequest } from './route-handler.js'
import { ActionNotFoundError, isActionRequest, runAction } from './server-action.js'

const HTML = 'text/html; charset=utf-8'
const RSC_VARY = 'rsc, next-router-state-tree, next-router-prefetch, next-router-segment-prefetch'

/**
 * @param {{
 *   routes: Array<{ path: string, kind: string, load?: () => Promise<any>, tree?: import('./page-tree.js').Segment }>,
 *   matcher: import('../runtime/route-matcher.d.ts').MatchTree,
 *   rootSegment: import('./page-tree.js').Segment,
 *   renderHtml: typeof import('./render-html.js').renderHtml,
 * }} app what the generated server entry knows
 * @param {{ bootstrapModules: string[], stylesheets: string[][], rootStylesheets: string[], previewModeId: string }} build
 *   what the build learnt after bundling: the browser entry, each route's stylesheets
 *   (by route index) and the secret that turns draft mode on
 */
export function createAppWorker(app, build) {
  const matcher = createRouteMatcher(app.matcher)
  return {
    async fetch(request, env, ctx) {
      const url = new URL(request.url)
      let found
      try {
        found = matcher.match(url.pathname)
      } catch (error) {
        if (error instanceof DecodeError) return new Response(null, { status: 400 })
        throw error
      }
      const waitUntil = (promise) => ctx?.waitUntil(promise)
      const route = found && app.routes[found.route]
      const params = found && Object.keys(found.params).length > 0 ? found.params : undefined
      const options = { previewModeId: build.previewModeId, route: route?.path }
      if (route?.kind === 'route') {
        return handleRouteRequest(await route.load(), request, params, waitUntil, { ...options, resolvedPagePath: route.path })
      }
      if (route?.kind === 'metadata' && route.load) {
        const response = await handleMetadataRoute(route.file, await route.load())
        if (response) return response
      }
      const page = route?.kind === 'page' ? { tree: route.tree, params: encodedParams(route.path, url.pathname), stylesheets: build.stylesheets[found.route] } : null
      const isAction = page !== null && isActionRequest(request)
      const store = createRequestStore(request, { ...options, phase: isAction ? 'action' : 'render', isAction })
      return requestStore.run(store, async () => {
        const rendered = isAction ? await answerAction(page, request, url, app, build, store) : await renderPage(page ?? notFoundPage(app, build), request, url, app, build)
        const response = request.method === 'HEAD' ? new Response(null, rendered) : rendered
        appendResponseCookies(response.headers, store)
        scheduleAfterCallbacks(store, waitUntil)
        return response
      })
    },
  }
}

/**
 * Runs a server action, then answers: to the browser's router, the action's result
 * and, when the action changed something, the new tree, as one flight payload; to a form sent
 * without JavaScript, the page's HTML. A `redirect()` in the action is a 303 for a
 * form, and for the router a header it follows.
 */
async function answerAction(page, request, url, app, build, store) {
  const fromRouter = request.headers.has('next-action')
  let result
  try {
    result = await runAction(request)
  } catch (error) {
    if (isRedirectError(error)) {
      const { url: location } = redirectLocation(error)
      return fromRouter ? new Response(null, { headers: { 'x-action-redirect': location } }) : new Response(null, { status: 303, headers: { location } })
    }
    if (error instanceof ActionNotFoundError) return new Response(error.message, { status: 404, headers: { 'x-nextjs-action-not-found': '1' } })
    reportError(error)
    return new Response(null, { status: 500 })
  }
  synchronizeMutableCookies(store)
  store.phase = 'render'
  if (!fromRouter) return renderPage(page, request, url, app, build)
  // As in Next, the page comes back only when the action revalidated or set cookies.
  const changed = store.revalidated || store.responseCookies.getAll().length > 0
  const root = changed
    ? await renderPageTree(page.tree, treeRequest(page, url))
    : undefined
  const flight = renderToReadableStream({ returnValue: result?.returnValue, root }, clientManifest, { onError: reportError })
  return new Response(flight, { headers: { 'content-type': 'text/x-component', vary: RSC_VARY } })
}

/** What `renderPageTree` needs to know of the request. */
function treeRequest(page, url) {
  return { pathname: url.pathname, params: page.params, searchParams: url.searchParams, stylesheets: page.stylesheets }
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

/** The root layout with its not-found content: what an unmatched URL shows. */
function notFoundPage(app, build) {
  return { tree: app.rootSegment, params: {}, stylesheets: build.rootStylesheets, cut: { depth: 0, kind: 'not-found' } }
}

/**
 * Renders until a shell succeeds. When the page throws `notFound()` or an error before
 * anything streamed, the render is repeated with the closest `not-found.js` or
 * `error.js` in its place (a layout that throws moves the cut one segment up), and
 * the status says what happened.
 */
async function renderPage(page, request, url, app, build) {
  const wantsFlight = request.headers.get('rsc') === '1'
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
      if (wantsFlight) {
        // A navigation waits for the whole payload, so that `notFound()`, `redirect()`
        // and errors get the same cuts and statuses as a document request.
        const body = await new Response(flight).arrayBuffer()
        if (errors.length > 0) throw errors[0]
        const headers = { 'content-type': 'text/x-component', vary: RSC_VARY, 'x-vnext-root-layout': rootLayout }
        // An error page stays 200 here: the router shows it in place instead of loading
        // a new document, as Next's does.
        return new Response(body, { status: cut?.kind === 'not-found' ? 404 : 200, headers })
      }
      const html = await app.renderHtml(flight, { bootstrapModules: build.bootstrapModules, rootLayout })
      const status = cut ? (cut.kind === 'not-found' ? 404 : 500) : 200
      return new Response(html, { status, headers: { 'content-type': HTML, vary: RSC_VARY } })
    } catch (error) {
      if (isRedirectError(error)) {
        const { url: location, status } = redirectLocation(error)
        return new Response(null, { status, headers: { location } })
      }
      const digest = reportError(error)
      let next = nextCut(page.tree, cut, httpFallbackStatus(error) === 404 ? 'not-found' : 'error', digest)
      // Nothing below the root layout caught it: global-error.js replaces the document.
      if (!next && cut?.kind !== 'global-error' && page.tree.files['global-error']) next = { depth: -1, kind: 'global-error', digest }
      if (!next) return globalErrorResponse()
      cut = next
    }
  }
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

/** The segments from the root down to the page, following `children`. */
function childrenChain(root) {
  const chain = []
  for (let node = root; node; node = node.slots?.children) chain.push(node)
  return chain
}

/**
 * The closest segment above the current cut (or from the page up) that has the file
 * for `kind`; the root always shows a not-found page, Next's own if it has none.
 */
function nextCut(root, current, kind, digest) {
  const chain = childrenChain(root)
  let depth = current ? current.depth - (current.kind === kind ? 1 : 0) : chain.length - 1
  for (; depth >= 0; depth--) {
    if (chain[depth].files[kind] || (kind === 'not-found' && depth === 0)) return { depth, kind, digest }
  }
  return null
}

/** Next's digest: a hash of the message and stack, so logs and pages can be matched. */
function reportError(error) {
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
