// `next/server`: NextRequest, NextResponse, the cookie classes, `after()` and
// `connection()`, following Next 16.4.6 (`server/web/spec-extension/*`,
// `server/web/next-url.ts`, `server/after/*`, `server/request/connection.ts`).
// `userAgent()` is not provided yet.

import { AsyncLocalStorage } from 'node:async_hooks'

import { RequestCookies, ResponseCookies, stringifyCookie } from '../../server/cookies.js'
import {
  StaticGenBailoutError,
  afterTaskStore,
  currentRequest,
  enqueueAfterCallback,
  isRequestApiAllowed,
  markDynamic,
  requestStore,
} from '../../server/request-store.js'

export { RequestCookies, ResponseCookies }

/**
 * `String(new URL(url))`, or Next's error for a URL that is not absolute.
 * @param {string | URL | NextURL} url
 */
function validateURL(url) {
  try {
    return String(new URL(String(url)))
  } catch (error) {
    throw new Error(
      `URL is malformed "${String(url)}". Please use only absolute URLs - https://nextjs.org/docs/messages/middleware-relative-urls`,
      { cause: error },
    )
  }
}

// ---------------------------------------------------------------------------
// NextURL

const LOCALHOST = /^(?:127(?:\.(?:25[0-5]|2[0-4][0-9]|[01]?[0-9][0-9]?)){3}|\[::1\]|localhost)$/

/** Next shows every loopback host as `localhost`. */
function parseURL(input, base) {
  const url = new URL(String(input), base === undefined ? undefined : String(base))
  if (LOCALHOST.test(url.hostname)) url.hostname = 'localhost'
  return url
}

function removeTrailingSlash(pathname) {
  return pathname.replace(/\/$/, '') || '/'
}

const URL_STATE = Symbol('NextURL')

/**
 * The URL of a NextRequest (`request.nextUrl`): a URL whose `pathname` has the
 * basePath taken off (`basePath` keeps it) and whose `href` puts it back. Not a URL
 * subclass, as in Next. Locales and `/_next/data` paths are not handled.
 */
export class NextURL {
  /**
   * @param {string | URL} input
   * @param {string | URL | { nextConfig?: { basePath?: string, trailingSlash?: boolean } }} [baseOrOptions]
   * @param {{ nextConfig?: { basePath?: string, trailingSlash?: boolean } }} [options]
   */
  constructor(input, baseOrOptions, options) {
    let base
    let opts
    if (typeof baseOrOptions === 'string' || (typeof baseOrOptions === 'object' && 'pathname' in baseOrOptions)) {
      base = baseOrOptions
      opts = options ?? {}
    } else {
      opts = options ?? baseOrOptions ?? {}
    }
    this[URL_STATE] = { url: parseURL(input, base ?? opts.base), options: opts, basePath: '', buildId: undefined }
    this._analyze()
  }

  /** @internal Splits the basePath off the pathname and notes the trailing slash. */
  _analyze() {
    const state = this[URL_STATE]
    const { basePath, trailingSlash } = state.options.nextConfig ?? {}
    const pathname = state.url.pathname
    state.trailingSlash = pathname !== '/' ? pathname.endsWith('/') : trailingSlash
    state.basePath = ''
    if (basePath && (pathname === basePath || pathname.startsWith(`${basePath}/`))) {
      const rest = pathname.slice(basePath.length)
      state.url.pathname = rest.startsWith('/') ? rest : `/${rest}`
      state.basePath = basePath
    }
  }

  /** @internal */
  _formatPathname() {
    const state = this[URL_STATE]
    let pathname = state.url.pathname
    if (!state.trailingSlash) pathname = removeTrailingSlash(pathname)
    if (state.basePath && pathname.startsWith('/')) pathname = `${state.basePath}${pathname}`
    if (!state.trailingSlash) return removeTrailingSlash(pathname)
    return pathname.endsWith('/') ? pathname : `${pathname}/`
  }

  get buildId() {
    return this[URL_STATE].buildId
  }
  set buildId(value) {
    this[URL_STATE].buildId = value
  }
  get locale() {
    return ''
  }
  set locale(locale) {
    throw new TypeError(`The NextURL configuration includes no locale "${locale}"`)
  }
  get defaultLocale() {
    return undefined
  }
  get domainLocale() {
    return undefined
  }
  get searchParams() {
    return this[URL_STATE].url.searchParams
  }
  get href() {
    return `${this.protocol}//${this.host}${this._formatPathname()}${this.search}${this.hash}`
  }
  set href(value) {
    this[URL_STATE].url = parseURL(value)
    this._analyze()
  }
  get origin() {
    return this[URL_STATE].url.origin
  }
  get basePath() {
    return this[URL_STATE].basePath
  }
  set basePath(value) {
    this[URL_STATE].basePath = value.startsWith('/') ? value : `/${value}`
  }
  toString() {
    return this.href
  }
  toJSON() {
    return this.href
  }
  clone() {
    return new NextURL(String(this), this[URL_STATE].options)
  }
}

// The URL's own parts read and write through to the parsed URL.
for (const part of ['host', 'hostname', 'port', 'protocol', 'pathname', 'hash', 'search', 'password', 'username']) {
  Object.defineProperty(NextURL.prototype, part, {
    get() {
      return this[URL_STATE].url[part]
    },
    set(value) {
      this[URL_STATE].url[part] = value
    },
  })
}

// ---------------------------------------------------------------------------
// NextRequest

const REQUEST_STATE = Symbol('NextRequest')

/**
 * A Request with `nextUrl` and `cookies`. Its `url` is `nextUrl.href`, so a loopback
 * host reads `localhost` as in Next.
 */
export class NextRequest extends Request {
  /**
   * @param {string | URL | Request} input
   * @param {RequestInit & { nextConfig?: { basePath?: string, trailingSlash?: boolean } }} [init]
   */
  constructor(input, init = {}) {
    const url = typeof input !== 'string' && 'url' in input ? input.url : String(input)
    validateURL(url)
    // Node's Request wants `duplex` with a streamed body; workerd ignores it.
    if (init.body && init.duplex !== 'half') init = { ...init, duplex: 'half' }
    if (input instanceof Request) super(input, init)
    else super(url, init)
    const nextUrl = new NextURL(url, { nextConfig: init.nextConfig })
    this[REQUEST_STATE] = { cookies: new RequestCookies(this.headers), nextUrl, url: nextUrl.toString() }
  }

  get cookies() {
    return this[REQUEST_STATE].cookies
  }

  get nextUrl() {
    return this[REQUEST_STATE].nextUrl
  }

  get url() {
    return this[REQUEST_STATE].url
  }

  /** @deprecated removed in Next; throws its error. */
  get page() {
    throw new Error(`The request.page has been deprecated in favour of \`URLPattern\`.
  Read more: https://nextjs.org/docs/messages/middleware-request-page
  `)
  }

  /** @deprecated removed in Next; throws its error. */
  get ua() {
    throw new Error(`The request.ua has been removed in favour of \`userAgent\` function.
  Read more: https://nextjs.org/docs/messages/middleware-parse-user-agent
  `)
  }
}

// ---------------------------------------------------------------------------
// NextResponse

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308])

/**
 * `NextResponse.next/rewrite({ request: { headers } })`: middleware passes new request
 * headers to the app as `x-middleware-request-<name>` plus the list of names.
 */
function addMiddlewareRequestHeaders(init, headers) {
  const requestHeaders = init?.request?.headers
  if (!requestHeaders) return
  if (!(requestHeaders instanceof Headers)) throw new Error('request.headers must be an instance of Headers')
  const names = []
  for (const [name, value] of requestHeaders) {
    headers.set(`x-middleware-request-${name}`, value)
    names.push(name)
  }
  headers.set('x-middleware-override-headers', names.join(','))
}

/**
 * A response's cookies. Each write also records every cookie in the internal
 * `x-middleware-set-cookie` header (how middleware's cookies reach the app); the
 * server strips that header before the response goes out.
 */
class NextResponseCookies extends ResponseCookies {
  set(...args) {
    super.set(...args)
    this._headers.set('x-middleware-set-cookie', this.getAll().map(stringifyCookie).join(','))
    return this
  }
}

const RESPONSE_STATE = Symbol('NextResponse')

/** A Response with `cookies` and Next's static helpers. */
export class NextResponse extends Response {
  /**
   * @param {BodyInit | null} [body]
   * @param {ResponseInit} [init]
   */
  constructor(body, init = {}) {
    super(body, init)
    this[RESPONSE_STATE] = { cookies: new NextResponseCookies(this.headers) }
  }

  get cookies() {
    return this[RESPONSE_STATE].cookies
  }

  /** Like `Response.json`: `content-type: application/json`. */
  static json(body, init) {
    const response = Response.json(body, init)
    return new NextResponse(response.body, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    })
  }

  /**
   * A redirect to an absolute URL: 307 unless `init` (a status or an init) says
   * otherwise; only 301, 302, 303, 307 and 308 are accepted.
   * @param {string | URL | NextURL} url
   * @param {number | ResponseInit} [init]
   */
  static redirect(url, init) {
    const status = typeof init === 'number' ? init : (init?.status ?? 307)
    if (!REDIRECT_STATUSES.has(status)) {
      throw new RangeError('Failed to execute "redirect" on "response": Invalid status code')
    }
    const initObject = typeof init === 'object' && init !== null ? init : {}
    const headers = new Headers(initObject.headers)
    headers.set('Location', validateURL(url))
    return new NextResponse(null, { ...initObject, headers, status })
  }

  /** Middleware: serve `destination` instead (`x-middleware-rewrite`). */
  static rewrite(destination, init) {
    const headers = new Headers(init?.headers)
    headers.set('x-middleware-rewrite', validateURL(destination))
    addMiddlewareRequestHeaders(init, headers)
    return new NextResponse(null, { ...init, headers })
  }

  /** Middleware: continue to the app (`x-middleware-next: 1`). */
  static next(init) {
    const headers = new Headers(init?.headers)
    headers.set('x-middleware-next', '1')
    addMiddlewareRequestHeaders(init, headers)
    return new NextResponse(null, { ...init, headers })
  }
}

// ---------------------------------------------------------------------------
// after() and connection()

// Runs a later callback in the context after() was called in, as Next does with
// `bindSnapshot`; without `snapshot`, at least the request store is restored.
const snapshot = typeof AsyncLocalStorage.snapshot === 'function' ? () => AsyncLocalStorage.snapshot() : null

/**
 * Runs `task` (a function, or a promise to wait for) after the response has been
 * sent, keeping the Worker alive for it through `waitUntil`. A failure is logged,
 * never thrown.
 * @param {(() => unknown) | PromiseLike<unknown>} task
 */
export function after(task) {
  const store = requestStore.getStore()
  if (!store) {
    throw new Error(
      '`after` was called outside a request scope. Read more: https://nextjs.org/docs/messages/next-dynamic-api-wrong-context',
    )
  }
  if (task !== null && typeof task === 'object' && typeof task.then === 'function') {
    // A promise is already running: only its end is waited for.
    const settled = Promise.resolve(task).then(
      () => {},
      (error) => console.error('A promise passed to `after()` rejected:', error),
    )
    enqueueAfterCallback(store, () => settled)
    return
  }
  if (typeof task !== 'function') throw new Error('`after()`: Argument must be a promise or a function')
  // A nested after() keeps the phase of the outermost one: it decides whether the
  // callback may still read the request.
  const rootTaskSpawnPhase = afterTaskStore.getStore()?.rootTaskSpawnPhase ?? store.phase
  const run = async () => {
    try {
      await afterTaskStore.run({ rootTaskSpawnPhase }, task)
    } catch (error) {
      console.error('An error occurred in a function passed to `after()`:', error)
    }
  }
  const inContext = snapshot?.()
  enqueueAfterCallback(store, inContext ? () => inContext(run) : () => requestStore.run(store, run))
}

/**
 * Waits for an actual request: resolves at once at request time. It only marks the
 * render as dynamic (`store.usedDynamic`).
 * @returns {Promise<void>}
 */
export function connection() {
  const store = currentRequest('connection')
  if (!isRequestApiAllowed(store)) {
    throw new Error(
      `Route ${store.route} used \`connection()\` inside \`after()\` while rendering. The \`connection()\` function is used to indicate the subsequent code must only run when there is an actual Request, but \`after()\` executes after the request, so this function is not allowed in this scope. See more info here: https://nextjs.org/docs/app/api-reference/functions/after`,
    )
  }
  if (store.forceStatic) return Promise.resolve(undefined)
  if (store.dynamicShouldError) {
    throw new StaticGenBailoutError(
      `Route ${store.route} with \`dynamic = "error"\` couldn't be rendered statically because it used \`connection()\`. See more info here: https://nextjs.org/docs/app/building-your-application/rendering/static-and-dynamic#dynamic-rendering`,
    )
  }
  markDynamic(store, '`connection()`')
  return Promise.resolve(undefined)
}
