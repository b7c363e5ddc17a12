// Cookies as `next/server` and `next/headers` hand them out: parsing `Cookie` and
// `Set-Cookie`, and the RequestCookies/ResponseCookies classes. Behaviour follows
// `@edge-runtime/cookies`, which Next 16.4.6 uses. Imports nothing, so both shims and
// the request store can share it without a cycle.

// ---------------------------------------------------------------------------
// Cookie strings

/**
 * Parses a `Cookie` header (or the pairs of a `Set-Cookie` line) into a Map, as
 * `@edge-runtime/cookies` does: a bare name means `'true'`, a value that does not
 * percent-decode is dropped, a repeated name keeps its first place and last value.
 * @param {string} header
 * @returns {Map<string, string>}
 */
export function parseCookie(header) {
  const pairs = new Map()
  for (const pair of header.split(/; */)) {
    if (pair === '') continue
    const equals = pair.indexOf('=')
    if (equals === -1) {
      pairs.set(pair, 'true')
      continue
    }
    try {
      pairs.set(pair.slice(0, equals), decodeURIComponent(pair.slice(equals + 1)))
    } catch {
      // Next ignores a pair it cannot decode rather than failing the request.
    }
  }
  return pairs
}

const SAME_SITE = new Set(['strict', 'lax', 'none'])
const PRIORITY = new Set(['low', 'medium', 'high'])

/**
 * Parses one `Set-Cookie` line into a cookie object, or `undefined` for an empty one.
 * Falsy fields are dropped afterwards (so `Max-Age=0` and an empty value vanish), and
 * the value is decoded a second time: both are what Next's parser does, and the
 * cookies it re-serialises onto a response must come out the same.
 * @param {string} line
 */
export function parseSetCookie(line) {
  if (!line) return undefined
  const [[name, value], ...attributePairs] = parseCookie(line)
  const attributes = {}
  for (const [key, attributeValue] of attributePairs) {
    attributes[key.toLowerCase().replace(/-/g, '')] = attributeValue
  }
  const { domain, expires, httponly, maxage, path, samesite, secure, partitioned, priority } = attributes
  const cookie = {
    name,
    value: decodeURIComponent(value),
    domain,
    ...(expires && { expires: new Date(expires) }),
    ...(httponly && { httpOnly: true }),
    ...(typeof maxage === 'string' && { maxAge: Number(maxage) }),
    path,
    ...(samesite && { sameSite: SAME_SITE.has(samesite.toLowerCase()) ? samesite.toLowerCase() : undefined }),
    ...(secure && { secure: true }),
    ...(priority && { priority: PRIORITY.has(priority.toLowerCase()) ? priority.toLowerCase() : undefined }),
    ...(partitioned && { partitioned: true }),
  }
  const compacted = {}
  for (const key in cookie) {
    if (cookie[key]) compacted[key] = cookie[key]
  }
  return compacted
}

/**
 * Serialises a cookie the way Next writes `Set-Cookie`: the value percent-encoded,
 * attributes in a fixed order, `SameSite`/`Priority` written exactly as given
 * (Next does not capitalise them: `sameSite: 'lax'` gives `SameSite=lax`).
 * @param {{ name: string, value?: string, path?: string, expires?: Date | number,
 *   maxAge?: number, domain?: string, secure?: boolean, httpOnly?: boolean,
 *   sameSite?: string | boolean, partitioned?: boolean, priority?: string }} cookie
 */
export function stringifyCookie(cookie) {
  const attributes = []
  if (cookie.path) attributes.push(`Path=${cookie.path}`)
  if (cookie.expires || cookie.expires === 0) {
    const date = typeof cookie.expires === 'number' ? new Date(cookie.expires) : cookie.expires
    attributes.push(`Expires=${date.toUTCString()}`)
  }
  if (typeof cookie.maxAge === 'number') attributes.push(`Max-Age=${cookie.maxAge}`)
  if (cookie.domain) attributes.push(`Domain=${cookie.domain}`)
  if (cookie.secure) attributes.push('Secure')
  if (cookie.httpOnly) attributes.push('HttpOnly')
  if (cookie.sameSite) attributes.push(`SameSite=${cookie.sameSite}`)
  if (cookie.partitioned) attributes.push('Partitioned')
  if (cookie.priority) attributes.push(`Priority=${cookie.priority}`)
  const pair = `${cookie.name}=${encodeURIComponent(cookie.value ?? '')}`
  return attributes.length === 0 ? pair : `${pair}; ${attributes.join('; ')}`
}

/**
 * Splits `Set-Cookie` lines that were joined with commas (as `x-middleware-set-cookie`
 * carries them) without splitting inside an `Expires` date: a comma starts a new
 * cookie only when a `name=` follows it.
 * @param {string} joined
 * @returns {string[]}
 */
export function splitCookiesString(joined) {
  if (!joined) return []
  const lines = []
  let start = 0
  for (let i = 0; i < joined.length; i++) {
    if (joined[i] !== ',') continue
    let next = i + 1
    while (next < joined.length && /\s/.test(joined[next])) next++
    let end = next
    while (end < joined.length && joined[end] !== '=' && joined[end] !== ';' && joined[end] !== ',') end++
    if (end < joined.length && joined[end] === '=') {
      lines.push(joined.slice(start, i))
      start = next
      i = next - 1
    }
  }
  lines.push(joined.slice(start))
  return lines
}

/** Fills in what `ResponseCookies.set` adds: `expires` from `maxAge`, `path` `/`. */
function normalizeCookie(cookie) {
  if (typeof cookie.expires === 'number') cookie.expires = new Date(cookie.expires)
  if (cookie.maxAge) cookie.expires = new Date(Date.now() + cookie.maxAge * 1000)
  if (cookie.path === null || cookie.path === undefined) cookie.path = '/'
  return cookie
}

/** `(name)` or `({ name })`, as the cookie methods accept either. */
export function nameOf(arg) {
  return typeof arg === 'string' ? arg : arg?.name
}

// ---------------------------------------------------------------------------
// Cookie classes (Next's API, from `@edge-runtime/cookies`)

/** What both cookie classes read: cookies by name, parsed once. */
class CookieMap {
  constructor() {
    /** @internal */
    this._parsed = new Map()
  }

  [Symbol.iterator]() {
    return this._parsed[Symbol.iterator]()
  }

  get size() {
    return this._parsed.size
  }

  /** @returns {{ name: string, value: string } | undefined} */
  get(...args) {
    return this._parsed.get(nameOf(args[0]))
  }

  getAll(...args) {
    const all = [...this._parsed.values()]
    if (args.length === 0) return all
    const name = nameOf(args[0])
    return all.filter((cookie) => cookie.name === name)
  }

  has(name) {
    return this._parsed.has(name)
  }
}

/** The cookies of a request, read from (and written back to) its `cookie` header. */
export class RequestCookies extends CookieMap {
  /** @param {Headers} requestHeaders */
  constructor(requestHeaders) {
    super()
    /** @internal */
    this._headers = requestHeaders
    const header = requestHeaders.get('cookie')
    if (header) {
      for (const [name, value] of parseCookie(header)) this._parsed.set(name, { name, value })
    }
  }

  set(...args) {
    const [name, value] = args.length === 1 ? [args[0].name, args[0].value] : args
    this._parsed.set(name, { name, value })
    this._writeHeader()
    return this
  }

  /** Deletes one name (→ boolean) or several (→ boolean[]). */
  delete(names) {
    const result = Array.isArray(names) ? names.map((name) => this._parsed.delete(name)) : this._parsed.delete(names)
    this._writeHeader()
    return result
  }

  clear() {
    this.delete([...this._parsed.keys()])
    return this
  }

  toString() {
    return [...this._parsed.values()].map((cookie) => `${cookie.name}=${encodeURIComponent(cookie.value)}`).join('; ')
  }

  /** @internal */
  _writeHeader() {
    this._headers.set('cookie', [...this._parsed.values()].map(stringifyCookie).join('; '))
  }
}

/** The cookies a response sets, kept in step with its `Set-Cookie` headers. */
export class ResponseCookies extends CookieMap {
  /** @param {Headers} responseHeaders */
  constructor(responseHeaders) {
    super()
    /** @internal */
    this._headers = responseHeaders
    const setCookie = responseHeaders.getSetCookie?.() ?? responseHeaders.get('set-cookie') ?? []
    for (const line of Array.isArray(setCookie) ? setCookie : splitCookiesString(setCookie)) {
      const cookie = parseSetCookie(line)
      if (cookie) this._parsed.set(cookie.name, cookie)
    }
  }

  /** `set(name, value, options?)` or `set({ name, value, ...options })`. */
  set(...args) {
    const [name, value, options] = args.length === 1 ? [args[0].name, args[0].value, args[0]] : args
    this._parsed.set(name, normalizeCookie({ name, value, ...options }))
    this._writeHeaders()
    return this
  }

  /** Expires the cookie: an empty value and `Expires` at the epoch. */
  delete(...args) {
    const [name, options] = typeof args[0] === 'string' ? [args[0]] : [args[0].name, args[0]]
    return this.set({ ...options, name, value: '', expires: new Date(0) })
  }

  toString() {
    return [...this._parsed.values()].map(stringifyCookie).join('; ')
  }

  /** @internal */
  _writeHeaders() {
    this._headers.delete('set-cookie')
    for (const cookie of this._parsed.values()) this._headers.append('set-cookie', stringifyCookie(cookie))
  }
}
