// The errors `redirect()`, `permanentRedirect()`, `notFound()`, `forbidden()` and
// `unauthorized()` throw, and the checks that recognise them. The digests are Next 16's
// (`client/components/redirect.ts`, `redirect-error.ts`,
// `http-access-fallback/http-access-fallback.ts`): React carries `digest` across the
// RSC boundary, so the page renderer, the route handler and the client all read the
// same string.

const REDIRECT_ERROR_CODE = 'NEXT_REDIRECT'
const HTTP_ERROR_FALLBACK_ERROR_CODE = 'NEXT_HTTP_ERROR_FALLBACK'

/** The statuses a redirect digest may carry (Next's `RedirectStatusCode`). */
const REDIRECT_STATUSES = new Set([303, 307, 308])
/** The statuses of `notFound()`, `forbidden()`, `unauthorized()`. */
const HTTP_FALLBACK_STATUSES = new Set([404, 403, 401])

/** How the client applies a redirect to its history, as `next/navigation` exports it. */
export const RedirectType = Object.freeze({ push: 'push', replace: 'replace' })

/**
 * The error `redirect()` throws: message `NEXT_REDIRECT`, digest
 * `NEXT_REDIRECT;<type>;<url>;<status>;`.
 * @param {string} url
 * @param {'push' | 'replace'} type
 * @param {number} [status]
 */
export function getRedirectError(url, type, status = 307) {
  const error = new Error(REDIRECT_ERROR_CODE)
  error.digest = `${REDIRECT_ERROR_CODE};${type};${url};${status};`
  return error
}

/**
 * Redirects with 307 (303 from a Server Action). The type defaults to 'push' inside a
 * Server Action and 'replace' elsewhere, as in Next.
 * @param {string} url
 * @param {'push' | 'replace'} [type]
 * @returns {never}
 */
export function redirect(url, type) {
  throw getRedirectError(url, type ?? defaultRedirectType(), 307)
}

/** 'replace', until the server says whether the current request runs an action. */
let defaultRedirectType = () => 'replace'

/**
 * Set by the server's request store; kept out of this module so the browser's copy
 * needs no `node:async_hooks`.
 * @param {() => 'push' | 'replace'} typeOfCurrentRequest
 */
export function setDefaultRedirectType(typeOfCurrentRequest) {
  defaultRedirectType = typeOfCurrentRequest
}

/**
 * Redirects with 308.
 * @param {string} url
 * @param {'push' | 'replace'} [type]
 * @returns {never}
 */
export function permanentRedirect(url, type = 'replace') {
  throw getRedirectError(url, type, 308)
}

function httpFallbackError(status) {
  const digest = `${HTTP_ERROR_FALLBACK_ERROR_CODE};${status}`
  const error = new Error(digest)
  error.digest = digest
  return error
}

/** @returns {never} */
export function notFound() {
  throw httpFallbackError(404)
}

// `forbidden()` and `unauthorized()` are behind `experimental.authInterrupts`, which
// Next hands to the code as this environment variable (the bundler inlines it).
export function authInterruptsEnabled() {
  return typeof process !== 'undefined' && Boolean(process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS)
}

/** @returns {never} */
export function forbidden() {
  if (!authInterruptsEnabled()) {
    throw new Error(
      '`forbidden()` is experimental and only allowed to be enabled when `experimental.authInterrupts` is enabled.',
    )
  }
  throw httpFallbackError(403)
}

/** @returns {never} */
export function unauthorized() {
  if (!authInterruptsEnabled()) {
    throw new Error(
      '`unauthorized()` is experimental and only allowed to be used when `experimental.authInterrupts` is enabled.',
    )
  }
  throw httpFallbackError(401)
}

/** Splits a redirect digest, or returns null when `error` is not a redirect error. */
function parseRedirectDigest(error) {
  if (typeof error !== 'object' || error === null || typeof error.digest !== 'string') return null
  const parts = error.digest.split(';')
  const [code, type] = parts
  // The URL may itself contain ';': it is everything between the type and the status.
  const url = parts.slice(2, -2).join(';')
  const status = Number(parts.at(-2))
  if (code !== REDIRECT_ERROR_CODE || (type !== 'replace' && type !== 'push')) return null
  if (Number.isNaN(status) || !REDIRECT_STATUSES.has(status)) return null
  return { url, status, type }
}

/** Whether `error` was thrown by `redirect()` / `permanentRedirect()`. */
export function isRedirectError(error) {
  return parseRedirectDigest(error) !== null
}

/**
 * Where a redirect error points.
 * @returns {{ url: string, status: number, type: 'push' | 'replace' } | null}
 */
export function redirectLocation(error) {
  return parseRedirectDigest(error)
}

/** Whether `error` was thrown by `notFound()`, `forbidden()` or `unauthorized()`. */
export function isHTTPAccessFallbackError(error) {
  if (typeof error !== 'object' || error === null || typeof error.digest !== 'string') return false
  const [prefix, status] = error.digest.split(';')
  return prefix === HTTP_ERROR_FALLBACK_ERROR_CODE && HTTP_FALLBACK_STATUSES.has(Number(status))
}

/**
 * The status of a `notFound()`/`forbidden()`/`unauthorized()` error.
 * @returns {number | undefined}
 */
export function httpFallbackStatus(error) {
  return isHTTPAccessFallbackError(error) ? Number(error.digest.split(';')[1]) : undefined
}
