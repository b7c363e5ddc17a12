// Runs an App Router route handler (`route.js`) for one request, as Next 16.4.6's
// `AppRouteRouteModule` (`server/route-modules/app-route/module.ts`) and the
// `app-route` entry template do at request time: method dispatch with HEAD and
// OPTIONS filled in, the request store for `headers()`/`cookies()`, cookies written
// through `cookies()` added to the response, `redirect()`/`notFound()` turned into
// responses, anything else thrown into an empty 500.
//
// Caching the response (`force-static`, `revalidate`, `generateStaticParams`: built at
// build time, then ISR) is route-cache.js's business: this runs the handler.

import {
  DynamicUsageError,
  appendResponseCookies,
  createRequestStore,
  emptyRequestData,
  isPossibleServerAction,
  requestStore,
  scheduleAfterCallbacks,
} from './request-store.js'
import { settleRevalidations } from './revalidation.js'
import { httpFallbackStatus, redirectLocation } from '../shims/next/navigation-errors.js'
import { NextRequest } from '../shims/next/server.js'

/** The methods a route may export; anything else is a 400 (Next's guard against RCE). */
export const HTTP_METHODS = ['GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'DELETE', 'PATCH']

/**
 * Response headers the server drops: a body fetch() decoded keeps its upstream
 * framing headers, which would no longer be true (Next's `sendResponse`), and the
 * internal header NextResponse's cookies write.
 */
export const STRIPPED_RESPONSE_HEADERS = ['content-length', 'content-encoding', 'transfer-encoding', 'x-middleware-set-cookie']

function methodNotAllowed() {
  return new Response(null, { status: 405 })
}

/**
 * The handler for each method, with Next's automatic ones: an unexported method
 * answers 405, HEAD runs GET, OPTIONS answers 204 with a sorted `Allow`.
 * @param {Record<string, unknown>} module
 */
export function resolveMethods(module) {
  const methods = {}
  const implemented = new Set()
  for (const method of HTTP_METHODS) {
    methods[method] = module[method] ?? methodNotAllowed
    if (module[method]) implemented.add(method)
  }
  if (!implemented.has('HEAD') && module.GET) {
    methods.HEAD = module.GET
    implemented.add('HEAD')
  }
  if (!implemented.has('OPTIONS')) {
    const allow = ['OPTIONS', ...implemented].sort().join(', ')
    methods.OPTIONS = () => new Response(null, { status: 204, headers: { Allow: allow } })
  }
  return methods
}

/**
 * @typedef {object} RouteOptions
 * @property {string} [route]  the route as Next names it (`/api/users/[id]`), for messages
 * @property {string} [resolvedPagePath]  the route file, named when a handler returns no Response
 * @property {string} [previewModeId]  the build's draft-mode secret
 * @property {import('./request-store.js').RequestStoreOptions['cache']} [cache]  the KV caches revalidation expires
 */

/**
 * Answers `request` with the route module's handler.
 *
 * @param {Record<string, unknown>} module  the route module's namespace (GET, POST, …,
 *   `dynamic`)
 * @param {Request} request  the incoming request, its URL without the basePath (as
 *   Next gives it to a route handler)
 * @param {Record<string, string | string[] | undefined> | null | undefined} params
 *   the route's params; null/undefined for a route without dynamic segments, whose
 *   handler then gets `params: undefined` as in Next
 * @param {(promise: Promise<unknown>) => void} [waitUntil]  the Worker's
 *   `ctx.waitUntil`; receives one promise per `after()` task
 * @param {RouteOptions} [options]
 * @returns {Promise<Response>}
 */
export async function handleRouteRequest(module, request, params, waitUntil, options = {}) {
  const method = request.method
  // Request normalises the common methods to upper case but not PATCH, so `patch`
  // lands here too, as in Next.
  if (!HTTP_METHODS.includes(method)) return new Response(null, { status: 400 })
  const { response, store } = await runRoute(module, request, params, options)
  const pendingAfter = store !== undefined && store.afterCallbacks.length > 0
  const { response: outgoing, closed } = prepareResponse(response, method === 'HEAD', pendingAfter)
  if (store) scheduleAfterCallbacks(store, waitUntil, closed)
  return outgoing
}

/**
 * Runs the handler for `request`'s method in a request store of its own, whose
 * `usedDynamic`, `dataRevalidate` and `cacheTags` tell a caller that caches the response
 * what it depended on. A failure is an empty 500.
 * @param {Record<string, unknown>} module
 * @param {Request} request
 * @param {Record<string, string | string[] | undefined> | null | undefined} params
 * @param {RouteOptions & { prerendering?: boolean }} options `prerendering`: a build-time
 *   run, which reading request data ends
 * @returns {Promise<{ response: Response, store: import('./request-store.js').RequestStore | undefined }>}
 */
export async function runRoute(module, request, params, options = {}) {
  const handler = resolveMethods(module)[request.method]
  const dynamic = module.dynamic
  let store
  let response
  try {
    const nextRequest = request instanceof NextRequest ? request : new NextRequest(request)
    store = createRequestStore(nextRequest, {
      phase: 'route',
      route: options.route,
      previewModeId: options.previewModeId,
      cache: options.cache,
      isAction: isPossibleServerAction(nextRequest),
      forceStatic: dynamic === 'force-static',
      dynamicShouldError: dynamic === 'error',
      prerendering: options.prerendering,
    })
    // Revalidations the handler started finish before its response is sent.
    response = await requestStore.run(store, () => runHandler(handler, nextRequest, params, store, options)).finally(() => settleRevalidations(store))
    validateResponse(response)
  } catch (error) {
    if (!(error instanceof DynamicUsageError)) console.error(error)
    response = new Response(null, { status: 500 })
  }
  return { response, store }
}

/** Calls the handler and turns its outcome into a Response (or throws for a 500). */
async function runHandler(handler, nextRequest, params, store, options) {
  const context = { params: params == null ? undefined : Promise.resolve(definedParams(params)) }
  const request = store.forceStatic ? forceStaticRequest(nextRequest) : nextRequest
  let result
  try {
    result = await handler(request, context)
  } catch (error) {
    return responseForThrown(error, store)
  }
  if (!(result instanceof Response)) {
    throw new Error(
      `No response is returned from route handler '${options.resolvedPagePath ?? store.route}'. ` +
        `Expected a Response object but received '${typeName(result)}' (method: ${nextRequest.method}, url: ${store.url.pathname}). ` +
        'Ensure you return a `Response` or a `NextResponse` in all branches of your handler.',
    )
  }
  // Cookies written through cookies()/draftMode() join the response; its own win.
  if (store.responseCookies.size === 0) return result
  const headers = new Headers(result.headers)
  appendResponseCookies(headers, store)
  return new Response(result.body, { status: result.status, statusText: result.statusText, headers })
}

/** Params without undefined entries (an absent optional catch-all), as Next passes them. */
function definedParams(params) {
  const defined = {}
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined) defined[key] = value
  }
  return defined
}

function typeName(value) {
  if (value === null) return 'null'
  if (value === undefined) return 'undefined'
  if (typeof value === 'object') return value.constructor?.name || 'object'
  return typeof value
}

/** `redirect()` → its status and Location; `notFound()` & co. → an empty 404/403/401. */
function responseForThrown(error, store) {
  const redirect = redirectLocation(error)
  if (redirect) {
    const headers = new Headers({ Location: redirect.url })
    appendResponseCookies(headers, store)
    // From a form post or a fetch action a redirect must not repeat the POST.
    return new Response(null, { status: store.isAction ? 303 : redirect.status, headers })
  }
  const status = httpFallbackStatus(error)
  if (status !== undefined) return new Response(null, { status })
  throw error
}

/** A route handler cannot use middleware's responses; Next fails the request. */
function validateResponse(response) {
  if (response.headers.has('x-middleware-rewrite')) {
    throw new Error(
      'NextResponse.rewrite() was used in a app route handler, this is not currently supported. Please remove the invocation to continue.',
    )
  }
  if (response.headers.get('x-middleware-next') === '1') {
    throw new Error(
      'NextResponse.next() was used in a app route handler, this is not supported. See here for more info: https://nextjs.org/docs/messages/next-response-next-in-app-route-handler',
    )
  }
}

/**
 * What the server does on the way out: drop the headers Next does not send, send no
 * body for HEAD, and (when `after()` tasks wait) notice when the body is done.
 * The response is rebuilt only when something changes, so a Response with
 * platform-only parts (a workerd WebSocket) passes through untouched.
 * @returns {{ response: Response, closed: Promise<void> | undefined }}
 */
function prepareResponse(response, isHead, observeBody) {
  const strip = STRIPPED_RESPONSE_HEADERS.filter((name) => response.headers.has(name))
  const dropBody = isHead && response.body !== null
  const watchBody = observeBody && !dropBody && response.body !== null
  if (strip.length === 0 && !dropBody && !watchBody) return { response, closed: undefined }

  const headers = new Headers(response.headers)
  for (const name of strip) headers.delete(name)
  let body = response.body
  let closed
  if (dropBody) {
    body.cancel().catch(() => {})
    body = null
  } else if (watchBody) {
    ;({ body, closed } = observeEnd(body))
  }
  return { response: new Response(body, { status: response.status, statusText: response.statusText, headers }), closed }
}

/**
 * Passes `body` through, settling `closed` once it has been read to the end, has
 * failed, or the client has gone: Next runs `after()` tasks when the response closes.
 * @param {ReadableStream<Uint8Array>} body
 */
function observeEnd(body) {
  let markClosed
  const closed = new Promise((resolve) => {
    markClosed = resolve
  })
  const reader = body.getReader()
  const stream = new ReadableStream({
    async pull(controller) {
      try {
        const { done, value } = await reader.read()
        if (done) {
          controller.close()
          markClosed()
        } else {
          controller.enqueue(value)
        }
      } catch (error) {
        controller.error(error)
        markClosed()
      }
    },
    cancel(reason) {
      markClosed()
      return reader.cancel(reason)
    },
  })
  return { body: stream, closed }
}

// ---------------------------------------------------------------------------
// force-static

// With `dynamic = 'force-static'` the handler sees a request without request data:
// no headers, cookies or search params, and a URL on http://localhost:3000 (Next's
// `forceStaticRequestHandlers`). Getters and methods are read off the real request
// (never through the proxy) since workerd checks `this` on its platform objects.

function bind(target, prop) {
  const value = Reflect.get(target, prop, target)
  return typeof value === 'function' ? value.bind(target) : value
}

function cleanHref(href) {
  const url = new URL(href)
  url.host = 'localhost:3000'
  url.search = ''
  url.protocol = 'http'
  return url.href
}

function forceStaticNextUrl(nextUrl) {
  let searchParams
  return new Proxy(nextUrl, {
    get(target, prop) {
      switch (prop) {
        case 'search':
          return ''
        case 'searchParams':
          return (searchParams ??= new URLSearchParams())
        case 'href':
          return cleanHref(target.href)
        case 'toJSON':
        case 'toString':
          return () => cleanHref(target.href)
        case 'url':
          return undefined
        case 'clone':
          return () => forceStaticNextUrl(target.clone())
        default:
          return bind(target, prop)
      }
    },
  })
}

function forceStaticRequest(request) {
  let empty
  let nextUrl
  return new Proxy(request, {
    get(target, prop) {
      switch (prop) {
        case 'headers':
          return (empty ??= emptyRequestData()).headers
        case 'cookies':
          return (empty ??= emptyRequestData()).cookies
        case 'nextUrl':
          return (nextUrl ??= forceStaticNextUrl(target.nextUrl))
        case 'url':
          return cleanHref(target.nextUrl.href)
        case 'geo':
        case 'ip':
          return undefined
        case 'clone':
          return () => forceStaticRequest(target.clone())
        default:
          return bind(target, prop)
      }
    },
  })
}
