// Rendered pages in Workers KV: one KV value per path holding the page's HTML and its
// flight payload back to back, with everything a reader needs to decide freshness in
// the value's metadata, so that a hit costs one read. The same module encodes the
// entries the build prerenders, so build and Worker agree on keys and layout.
import { encodeTags } from './cache-tags.js'
import { KvStore } from './kv-store.js'

/** Next's "forever": the `Expire` of a route, and `s-maxage` of a page that never revalidates. */
export const ONE_YEAR = 31536000
/** What a page rendered on demand, or anything not cached, is sent with (as Next does). */
export const NO_STORE = 'private, no-cache, no-store, max-age=0, must-revalidate'
/**
 * How the build talks to the Worker it prerenders: requests carry the build's secret in
 * this header (and answers say what became of the page in it), and this path lists the
 * paths a route generates.
 */
export const PRERENDER_HEADER = 'x-vnext-prerender'
export const STATIC_PARAMS_PATH = '/_vnext/static-params'

export const PAGE_PREFIX = 'page:'
/** KV refuses keys over 512 bytes; longer paths are stored under their hash. */
const MAX_KEY_BYTES = 512
/** A failed regeneration is retried after this long, doubling up to the cap. */
const RETRY_BASE_MS = 1000
const RETRY_CAP_MS = 60_000

/**
 * What a reader learns from the metadata alone: the page's status, where its HTML
 * ends, when it was rendered, its revalidate time (false: never), the client build it
 * references, its root layout, its tags' digests, and whether a tag revalidation made
 * it stale.
 * @typedef {{ status: number, htmlBytes: number, renderedAt: number, revalidate: number | false, build: string, rootLayout: string, tags: string, stale?: true }} EntryMetadata
 * @typedef {{ html: Uint8Array, flight: Uint8Array, metadata: EntryMetadata }} PageEntry
 *
 * A route handler's response is an entry too: its body is the value, and its status
 * and headers are in the metadata (`kind: 'route'`).
 * @typedef {{ kind: 'route', status: number, headers: Record<string, string>, renderedAt: number, revalidate: number | false, build: string, tags: string, stale?: true }} RouteEntryMetadata
 * @typedef {{ body: Uint8Array, metadata: RouteEntryMetadata }} RouteEntry
 */

/**
 * The KV key of a path: the path itself when it fits, else its SHA-256.
 * @param {string} pathname
 */
export async function cacheKey(pathname) {
  const key = PAGE_PREFIX + pathname
  if (new TextEncoder().encode(key).length <= MAX_KEY_BYTES) return key
  return `${PAGE_PREFIX}#${await sha256(pathname)}`
}

export async function sha256(text) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('')
}

/** @param {PageEntry | RouteEntry} entry @returns {Uint8Array} the KV value */
export function encodeEntry({ html, flight, body }) {
  if (body) return body
  const value = new Uint8Array(html.length + flight.length)
  value.set(html, 0)
  value.set(flight, html.length)
  return value
}

/** The metadata of a freshly rendered page. */
export function entryMetadata({ status, html, rootLayout }, { renderedAt, revalidate, build, tags }) {
  return { status, htmlBytes: html.length, renderedAt, revalidate, build, rootLayout, tags: encodeTags(tags) }
}

/** Whether an entry is past its revalidate window at `now`, or a tag revalidation made it stale. */
export function isStale(metadata, now = Date.now()) {
  if (metadata.stale) return true
  return metadata.revalidate !== false && now - metadata.renderedAt >= metadata.revalidate * 1000
}

/** `Cache-Control` of a cached page, as Next computes it from its revalidate time. */
export function cacheControl(revalidate) {
  if (revalidate === false) return `s-maxage=${ONE_YEAR}`
  return `s-maxage=${revalidate}, stale-while-revalidate=${ONE_YEAR - revalidate}`
}

// Per isolate: regenerations in flight (one per path), and the back-off of paths whose
// regeneration failed.
const regenerating = new Map()
const retryAfter = new Map()

/** The page store over a KV namespace (Workers KV, Miniflare's, or one with its API). */
export class PageCache {
  /**
   * @param {KvStore} store
   * @param {string} build  the build whose client files the cached HTML must reference
   */
  constructor(store, build) {
    this.store = store
    this.build = build
  }

  /**
   * The entry of `pathname`, or null when there is none or it was rendered against
   * another build's client files (those are gone after a deploy).
   * @returns {Promise<PageEntry | RouteEntry | null>}
   */
  async read(pathname) {
    const found = await this.store.get(await cacheKey(pathname))
    if (!found || found.metadata?.build !== this.build) return null
    const bytes = new Uint8Array(found.value)
    const { metadata } = found
    if (metadata.kind === 'route') return { body: bytes, metadata }
    return { html: bytes.subarray(0, metadata.htmlBytes), flight: bytes.subarray(metadata.htmlBytes), metadata }
  }

  /** @param {string} pathname @param {PageEntry | RouteEntry} entry */
  async write(pathname, entry) {
    await this.store.put(await cacheKey(pathname), encodeEntry(entry), entry.metadata)
  }

  /**
   * Renders `pathname` again and stores it, once at a time per path. When the render
   * fails the old entry stays, and the next attempt waits (1 s, doubling to a minute).
   * @param {string} pathname
   * @param {() => Promise<PageEntry | RouteEntry>} render
   */
  regenerate(pathname, render) {
    const pending = regenerating.get(pathname)
    if (pending) return pending
    const backOff = retryAfter.get(pathname)
    if (backOff && Date.now() < backOff.at) return Promise.resolve()
    const run = (async () => {
      try {
        const entry = await render()
        retryAfter.delete(pathname)
        await this.write(pathname, entry)
      } catch (error) {
        const delay = Math.min((backOff?.delay ?? RETRY_BASE_MS / 2) * 2, RETRY_CAP_MS)
        retryAfter.set(pathname, { at: Date.now() + delay, delay })
        console.error(`vnext: regenerating ${pathname} failed; the cached page is kept:`, error)
      } finally {
        regenerating.delete(pathname)
      }
    })()
    regenerating.set(pathname, run)
    return run
  }
}
