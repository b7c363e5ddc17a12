// The per-request store behind `headers()`, `cookies()`, `draftMode()`, `after()` and
// `connection()`: one AsyncLocalStorage, entered once per request by the Worker (pages,
// route handlers, server actions). It plays the part of Next's request work-unit store,
// with the fields a Worker needs and nothing for prerendering.
//
// Behaviour follows Next 16.4.6 (`server/async-storage/request-store.ts`,
// `web/spec-extension/adapters/*`, `@edge-runtime/cookies`).

import { AsyncLocalStorage } from 'node:async_hooks'

import { setDefaultRedirectType } from '../shims/next/navigation-errors.js'
import { RequestCookies, ResponseCookies, nameOf, splitCookiesString } from './cookies.js'

// ---------------------------------------------------------------------------
// Errors with Next's messages

export class ReadonlyHeadersError extends Error {
  constructor() {
    super('Headers cannot be modified. Read more: https://nextjs.org/docs/app/api-reference/functions/headers')
  }
}

export class ReadonlyRequestCookiesError extends Error {
  constructor() {
    super(
      'Cookies can only be modified in a Server Action or Route Handler. Read more: https://nextjs.org/docs/app/api-reference/functions/cookies#options',
    )
  }
}

/**
 * Thrown while prerendering when the render reads request data: the route is dynamic,
 * and rendering further would only run code (and fetches) meant for a request.
 */
export class DynamicUsageError extends Error {
  constructor(route, expression) {
    super(`Route ${route} couldn't be rendered statically because it used ${expression}.`)
  }
}

/**
 * Notes that the render read request data (`expression` names how), so it cannot be
 * cached; while prerendering, stops it.
 */
export function markDynamic(store, expression) {
  store.usedDynamic = true
  if (store.prerendering) throw new DynamicUsageError(store.route, expression)
}

/** Thrown when a `dynamic = "error"` route reads request data; `code` as in Next. */
export class StaticGenBailoutError extends Error {
  constructor(message) {
    super(message)
    this.code = 'NEXT_STATIC_GEN_BAILOUT'
  }
}

// ---------------------------------------------------------------------------
// Read-only views

// Subclasses rather than proxies: a method called on a Proxy of a platform object
// fails its brand check in workerd, and `instanceof Headers` still holds.

/** A Headers whose mutating methods throw Next's `ReadonlyHeadersError`. */
class ReadonlyHeaders extends Headers {
  append() {
    throw new ReadonlyHeadersError()
  }
  delete() {
    throw new ReadonlyHeadersError()
  }
  set() {
    throw new ReadonlyHeadersError()
  }
}

/**
 * A read-only copy of `source` without the names in `hidden` (lower case).
 * @param {Headers} source
 * @param {Set<string>} [hidden]
 */
function sealHeaders(source, hidden) {
  const sealed = new ReadonlyHeaders()
  // Filled through the base methods, which the overrides above shadow.
  const append = Headers.prototype.append
  for (const [name, value] of source) {
    if (!hidden?.has(name)) append.call(sealed, name, value)
  }
  return sealed
}

/** RequestCookies whose `set`, `delete` and `clear` throw, as in a Server Component. */
class ReadonlyRequestCookies extends RequestCookies {
  set() {
    throw new ReadonlyRequestCookiesError()
  }
  delete() {
    throw new ReadonlyRequestCookiesError()
  }
  clear() {
    throw new ReadonlyRequestCookiesError()
  }
}

/** @param {Iterable<{ name: string, value: string }>} cookies */
function readonlyCookiesOf(cookies) {
  const sealed = new ReadonlyRequestCookies(new Headers())
  for (const cookie of cookies) sealed._parsed.set(cookie.name, { name: cookie.name, value: cookie.value })
  return sealed
}

/** Empty read-only headers and cookies: what a `force-static` route sees. */
export function emptyRequestData() {
  return { headers: sealHeaders(new Headers()), cookies: readonlyCookiesOf([]) }
}

// ---------------------------------------------------------------------------
// Writable cookies (Server Actions, Route Handlers)

const MUTABLE_PHASES = new Set(['action', 'route'])

/**
 * The cookies `cookies()` gives where they may be written. As in Next, reads see the
 * request's cookies with this request's writes applied (every cookie as a response
 * cookie, so with `path: '/'`), and each write lands in `store.responseCookies`.
 */
class MutableRequestCookies {
  /**
   * @param {RequestStore} store
   * @param {boolean} checked  whether a write checks the phase (user code) or not (draft mode)
   */
  constructor(store, checked) {
    this._store = store
    this._checked = checked
  }

  get(...args) {
    return this._store._cookieState().all.get(...args)
  }
  getAll(...args) {
    return this._store._cookieState().all.getAll(...args)
  }
  has(name) {
    return this._store._cookieState().all.has(name)
  }
  get size() {
    return this._store._cookieState().all.size
  }
  [Symbol.iterator]() {
    return this._store._cookieState().all[Symbol.iterator]()
  }
  toString() {
    return this._store._cookieState().all.toString()
  }

  set(...args) {
    this._write('set', args)
    return this
  }

  delete(...args) {
    this._write('delete', args)
    return this
  }

  /** @internal */
  _write(method, args) {
    // The phase can move on after `cookies()` resolved ('action' → 'render',
    // 'route' → 'after'), so the check is made on every write.
    if (this._checked && !MUTABLE_PHASES.has(this._store.phase)) throw new ReadonlyRequestCookiesError()
    const state = this._store._cookieState()
    state.modified.add(nameOf(args[0]))
    state.all[method](...args)
    syncResponseCookies(this._store.responseCookies, state)
  }
}

/**
 * Puts the written cookies into `responseCookies`, in the order Next emits them (the
 * order of the merged cookie list), keeping anything set on it directly.
 */
function syncResponseCookies(responseCookies, state) {
  const others = responseCookies.getAll().filter((cookie) => !state.modified.has(cookie.name))
  responseCookies._parsed.clear()
  for (const cookie of state.all.getAll()) {
    if (state.modified.has(cookie.name)) responseCookies._parsed.set(cookie.name, cookie)
  }
  for (const cookie of others) responseCookies._parsed.set(cookie.name, cookie)
  responseCookies._writeHeaders()
}

/**
 * Cookies that middleware set travel to the app in the `x-middleware-set-cookie`
 * request header; Next lets `cookies()` read them in the same request.
 * @param {Headers} headers
 * @param {{ set(cookie: object): unknown }} target
 */
function mergeMiddlewareCookies(headers, target) {
  const joined = headers.get('x-middleware-set-cookie')
  if (!joined) return
  const carried = new Headers()
  for (const line of splitCookiesString(joined)) carried.append('set-cookie', line)
  for (const cookie of new ResponseCookies(carried).getAll()) target.set(cookie)
}

// ---------------------------------------------------------------------------
// The store

/** Request headers that are framework plumbing; `headers()` does not show them. */
const HIDDEN_REQUEST_HEADERS = new Set([
  'rsc',
  'next-router-state-tree',
  'next-router-prefetch',
  'next-hmr-refresh',
  'next-router-segment-prefetch',
  'x-nextjs-request-id',
  'x-nextjs-html-request-id',
])

export const PRERENDER_BYPASS_COOKIE = '__prerender_bypass'

/**
 * @typedef {'render' | 'action' | 'route' | 'after'} RequestPhase
 *
 * @typedef {object} RequestStoreOptions
 * @property {'render' | 'action' | 'route'} [phase]  'render' (default) for a page,
 *   'action' for a Server Action, 'route' for a Route Handler; cookies are writable
 *   in 'action' and 'route'
 * @property {string} [route]  the route as Next names it in messages (`/blog/[slug]`)
 * @property {string} [previewModeId]  the build's draft-mode secret; the
 *   `__prerender_bypass` cookie enables draft mode only when it carries this value
 * @property {boolean} [isAction]  a Server Action request (redirects answer 303 and
 *   default to 'push'); defaults to `phase === 'action'`
 * @property {boolean} [forceStatic]  `dynamic = 'force-static'`: request APIs see an
 *   empty request
 * @property {boolean} [dynamicShouldError]  `dynamic = 'error'`: request APIs throw
 * @property {boolean} [prerendering]  a build-time render: request data ends it
 * @property {string} [fetchCache]  the route's `fetchCache` segment config
 * @property {{ kv: import('./kv-store.js').KvStore, data: import('./data-cache.js').DataCache }} [cache]
 */

/**
 * Creates the store for one request.
 * @param {Request} request
 * @param {RequestStoreOptions} [options]
 */
export function createRequestStore(request, options = {}) {
  const phase = options.phase ?? 'render'
  const cache = {}
  const store = {
    type: 'request',
    request,
    url: new URL(request.url),
    /** @type {RequestPhase} */
    phase,
    route: options.route ?? new URL(request.url).pathname,
    isAppRoute: phase === 'route',
    isAction: options.isAction ?? phase === 'action',
    forceStatic: Boolean(options.forceStatic),
    dynamicShouldError: Boolean(options.dynamicShouldError),
    previewModeId: options.previewModeId,
    /** Set when a request API was used: the render cannot be served from a prerender. */
    usedDynamic: false,
    /** The route's `fetchCache` segment config, which sets how its fetches cache. */
    fetchCache: options.fetchCache,
    /** Set by the build: request data ends the render (see `markDynamic`). */
    prerendering: Boolean(options.prerendering),
    /** The page and data caches, when the Worker has its KV namespace. */
    cache: options.cache,
    /** The shortest revalidate time of the data the render read, in seconds. */
    dataRevalidate: undefined,
    /** The tags of the data the render read: the page is expired with them. */
    cacheTags: new Set(),
    /** Revalidations started by `revalidateTag`/`revalidatePath`, awaited before the response. */
    pendingRevalidations: [],
    /** This render's GET fetches, by URL and options, made once each. */
    fetches: new Map(),
    /** `after()` tasks not yet handed to `scheduleAfterCallbacks`. */
    afterCallbacks: [],
    /** Set by `scheduleAfterCallbacks`: later `after()` calls go straight to it. */
    afterScheduler: undefined,

    /** The request headers, read-only, without Next's internal ones. */
    get headers() {
      cache.headers ??= sealHeaders(request.headers, HIDDEN_REQUEST_HEADERS)
      return cache.headers
    },

    /** The request cookies, read-only (plus any middleware set). */
    get cookies() {
      if (!cache.cookies) {
        const parsed = new RequestCookies(new Headers(request.headers))
        mergeMiddlewareCookies(request.headers, parsed)
        cache.cookies = readonlyCookiesOf(parsed.getAll())
      }
      return cache.cookies
    },
    set cookies(value) {
      cache.cookies = value
    },

    /** The cookies the response must set (`Set-Cookie` lines on `responseHeaders`). */
    get responseCookies() {
      cache.responseCookies ??= new ResponseCookies(store.responseHeaders)
      return cache.responseCookies
    },
    get responseHeaders() {
      cache.responseHeaders ??= new Headers()
      return cache.responseHeaders
    },

    /** Writable cookies without the phase check (draft mode writes through these). */
    get mutableCookies() {
      cache.mutableCookies ??= new MutableRequestCookies(store, false)
      return cache.mutableCookies
    },
    /** What `cookies()` returns while writes are allowed. */
    get userspaceMutableCookies() {
      cache.userspaceMutableCookies ??= new MutableRequestCookies(store, true)
      return cache.userspaceMutableCookies
    },

    /** Whether draft mode is on: the bypass cookie carries the build's secret. */
    get draftMode() {
      if (cache.draftMode === undefined) cache.draftMode = isDraftModeRequest(request, store.cookies, store.previewModeId)
      return cache.draftMode
    },
    set draftMode(value) {
      cache.draftMode = Boolean(value)
    },

    /** @internal the merged cookie list behind the writable views */
    _cookieState() {
      if (!cache.cookieState) {
        const all = new ResponseCookies(new Headers())
        const parsed = new RequestCookies(new Headers(request.headers))
        for (const cookie of parsed.getAll()) all.set(cookie)
        mergeMiddlewareCookies(request.headers, all)
        cache.cookieState = { all, modified: new Set() }
      }
      return cache.cookieState
    },
  }
  return store
}

/** @typedef {ReturnType<typeof createRequestStore>} RequestStore */

function isDraftModeRequest(request, cookies, previewModeId) {
  if (!previewModeId) return false
  // An on-demand revalidation request (Next's own, carrying the secret) never
  // renders in draft mode.
  if (request.headers.get('x-prerender-revalidate') === previewModeId) return false
  const value = cookies.get(PRERENDER_BYPASS_COOKIE)?.value
  if (!value) return false
  return value === previewModeId || (isDevelopment() && previewModeId === 'development-id')
}

/** `next dev` semantics; the bundler inlines NODE_ENV, and workerd may lack `process`. */
export function isDevelopment() {
  return typeof process !== 'undefined' && process.env.NODE_ENV === 'development'
}

/** The store of every request in flight. */
export const requestStore = new AsyncLocalStorage()
setDefaultRedirectType(() => (requestStore.getStore()?.isAction ? 'push' : 'replace'))

/**
 * Where an `after()` callback runs: the phase its outermost `after()` was called in,
 * which decides whether it may still read the request.
 * @type {AsyncLocalStorage<{ rootTaskSpawnPhase: RequestPhase }>}
 */
export const afterTaskStore = new AsyncLocalStorage()

/**
 * Runs `callback()` with a store made from `request`.
 * @template T
 * @param {Request} request
 * @param {() => T} callback
 * @param {RequestStoreOptions} [options]
 * @returns {T}
 */
export function runWithRequest(request, callback, options) {
  return requestStore.run(createRequestStore(request, options), callback)
}

/**
 * The current store, or Next's error for an API used outside a request.
 * @param {string} apiName  e.g. 'headers'
 * @returns {RequestStore}
 */
export function currentRequest(apiName) {
  const store = requestStore.getStore()
  if (!store) {
    throw new Error(
      `\`${apiName}\` was called outside a request scope. Read more: https://nextjs.org/docs/messages/next-dynamic-api-wrong-context`,
    )
  }
  return store
}

/** Whether `cookies()` may write in the store's current phase. */
export function areCookiesMutable(store) {
  return MUTABLE_PHASES.has(store.phase)
}

/**
 * Whether request APIs may be called now. Only the 'after' phase restricts them:
 * a Route Handler or Server Action may read the request in `after()`; a page may not,
 * since its prerender would never have seen the read.
 * @param {RequestStore} store
 */
export function isRequestApiAllowed(store) {
  if (store.phase !== 'after') return true
  if (store.isAppRoute || store.isAction) return true
  const task = afterTaskStore.getStore()
  return task ? MUTABLE_PHASES.has(task.rootTaskSpawnPhase) : false
}

/**
 * After a Server Action, before the page renders: the render's read-only cookies
 * become the action's result, as Next's `synchronizeMutableCookies` does.
 * @param {RequestStore} store
 */
export function synchronizeMutableCookies(store) {
  store.cookies = readonlyCookiesOf(store._cookieState().all.getAll())
}

/**
 * Adds the cookies written through `cookies()`/`draftMode()` to a response's headers
 * as Next's `appendMutableCookies` does: a cookie of the same name that the response
 * sets itself wins; the response's own cookies come first and are re-serialised.
 * @param {Headers} headers  mutable headers of the outgoing response
 * @param {RequestStore} store
 * @returns {boolean}  whether anything was written
 */
export function appendResponseCookies(headers, store) {
  const written = store.responseCookies.getAll()
  if (written.length === 0) return false
  const cookies = new ResponseCookies(headers)
  const own = cookies.getAll()
  for (const cookie of written) cookies.set(cookie)
  for (const cookie of own) cookies.set(cookie)
  return true
}

/**
 * A POST that Next treats as a possible Server Action (a fetch action, or a form
 * post): redirects from it answer 303.
 * @param {Request} request
 */
export function isPossibleServerAction(request) {
  if (request.method !== 'POST') return false
  const contentType = request.headers.get('content-type')
  return (
    request.headers.get('next-action') !== null ||
    contentType === 'application/x-www-form-urlencoded' ||
    Boolean(contentType?.startsWith('multipart/form-data'))
  )
}

// ---------------------------------------------------------------------------
// after()

/**
 * Queues an `after()` task (`() => Promise<void>` that never rejects) on the store,
 * or hands it to the scheduler once the response is out.
 * @param {RequestStore} store
 * @param {() => Promise<void>} task
 */
export function enqueueAfterCallback(store, task) {
  if (store.afterScheduler) store.afterScheduler(task)
  else store.afterCallbacks.push(task)
}

/**
 * Runs the store's `after()` tasks once the response has gone out, each as one
 * promise given to `waitUntil` (the Worker's `ctx.waitUntil`); later `after()` calls
 * are scheduled the same way. The store moves to the 'after' phase first, so
 * cookies can no longer be written, as in Next.
 * @param {RequestStore} store
 * @param {((promise: Promise<unknown>) => void) | undefined} waitUntil
 * @param {Promise<unknown>} [closed]  settles when the response body is done
 */
export function scheduleAfterCallbacks(store, waitUntil, closed) {
  // Next waits a macrotask even when the response is already closed, so code can't
  // come to rely on after() running within the same tick.
  const ready = Promise.resolve(closed)
    .then(() => new Promise((resolve) => setTimeout(resolve, 0)))
    .then(() => {
      store.phase = 'after'
    })
  store.afterScheduler = (task) => {
    const promise = ready.then(task)
    if (waitUntil) waitUntil(promise)
  }
  for (const task of store.afterCallbacks.splice(0)) store.afterScheduler(task)
}
