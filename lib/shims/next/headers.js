// `next/headers`: `headers()`, `cookies()` and `draftMode()` over the request store.
//
// In Next 16 each returns a plain Promise. The synchronous access Next 15 allowed is
// gone from production builds (`next dev` only warns about it and yields undefined),
// so a Promise is the whole contract. As in Next, the same Promise is returned for the
// same underlying object, which keeps React's `use()` from suspending twice.

import {
  PRERENDER_BYPASS_COOKIE,
  StaticGenBailoutError,
  areCookiesMutable,
  currentRequest,
  emptyRequestData,
  isDevelopment,
  isRequestApiAllowed,
  markDynamic,
} from '../../server/request-store.js'

/** @type {WeakMap<object, Promise<unknown>>} */
const promises = new WeakMap()

function resolvedOnce(value) {
  let promise = promises.get(value)
  if (!promise) {
    promise = Promise.resolve(value)
    promises.set(value, promise)
  }
  return promise
}

/** `force-static` routes see one empty request per store. */
const staticData = new WeakMap()
function emptyFor(store) {
  let data = staticData.get(store)
  if (!data) {
    data = emptyRequestData()
    staticData.set(store, data)
  }
  return data
}

function bailoutError(store, expression) {
  return new StaticGenBailoutError(
    `Route ${store.route} with \`dynamic = "error"\` couldn't be rendered statically because it used \`${expression}\`. See more info here: https://nextjs.org/docs/app/building-your-application/rendering/static-and-dynamic#dynamic-rendering`,
  )
}

function assertAllowedInPhase(store, name) {
  if (!isRequestApiAllowed(store)) {
    throw new Error(
      `Route ${store.route} used \`${name}()\` inside \`after()\` while rendering. This is not supported. If you need this data inside an \`after()\` callback, use \`${name}()\` outside of the callback. See more info here: https://nextjs.org/docs/app/api-reference/functions/after`,
    )
  }
}

/**
 * The request headers, read-only: `set`, `append` and `delete` throw.
 * @returns {Promise<Headers>}
 */
export function headers() {
  const store = currentRequest('headers')
  assertAllowedInPhase(store, 'headers')
  if (store.forceStatic) return resolvedOnce(emptyFor(store).headers)
  if (store.dynamicShouldError) throw bailoutError(store, 'headers()')
  markDynamic(store, '`headers()`')
  return resolvedOnce(store.headers)
}

/**
 * The request cookies. Writable in a Route Handler or Server Action (writes become
 * `Set-Cookie` on the response); elsewhere `set`/`delete` throw Next's error.
 */
export function cookies() {
  const store = currentRequest('cookies')
  assertAllowedInPhase(store, 'cookies')
  if (store.forceStatic) return resolvedOnce(emptyFor(store).cookies)
  if (store.dynamicShouldError) throw bailoutError(store, 'cookies()')
  markDynamic(store, '`cookies()`')
  return resolvedOnce(areCookiesMutable(store) ? store.userspaceMutableCookies : store.cookies)
}

/** Draft mode of one request: reads the store, writes the bypass cookie. */
class DraftMode {
  /** @param {import('../../server/request-store.js').RequestStore} store */
  constructor(store) {
    this._store = store
  }

  get isEnabled() {
    return this._store.draftMode
  }

  enable() {
    const store = this._store
    trackDraftModeChange(store, 'draftMode().enable()')
    if (!store.previewModeId) throw new Error('Invariant: previewProps missing previewModeId this should never happen')
    store.mutableCookies.set({ name: PRERENDER_BYPASS_COOKIE, value: store.previewModeId, ...bypassCookieOptions() })
    store.draftMode = true
  }

  disable() {
    const store = this._store
    trackDraftModeChange(store, 'draftMode().disable()')
    // Expires rather than Max-Age=0, as Next does (and as browsers honour).
    store.mutableCookies.set({ name: PRERENDER_BYPASS_COOKIE, value: '', ...bypassCookieOptions(), expires: new Date(0) })
    store.draftMode = false
  }
}

/** Next's attributes for the bypass cookie: cross-site and Secure outside `next dev`. */
function bypassCookieOptions() {
  const development = isDevelopment()
  return { httpOnly: true, sameSite: development ? 'lax' : 'none', secure: !development, path: '/' }
}

function trackDraftModeChange(store, expression) {
  if (store.phase === 'after') {
    throw new Error(
      `Route ${store.route} used "${expression}" inside \`after()\`. The enabled status of \`draftMode()\` can be read inside \`after()\` but you cannot enable or disable \`draftMode()\`. See more info here: https://nextjs.org/docs/app/api-reference/functions/after`,
    )
  }
  if (store.dynamicShouldError) throw bailoutError(store, expression)
  markDynamic(store, `\`${expression}\``)
}

const draftModes = new WeakMap()

/**
 * `{ isEnabled, enable(), disable() }` for this request.
 * @returns {Promise<DraftMode>}
 */
export function draftMode() {
  const store = currentRequest('draftMode')
  let promise = draftModes.get(store)
  if (!promise) {
    promise = Promise.resolve(new DraftMode(store))
    draftModes.set(store, promise)
  }
  return promise
}
