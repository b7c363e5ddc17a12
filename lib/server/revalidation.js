// On-demand revalidation over KV: `revalidateTag` and `revalidatePath` expire the page
// and data entries that depend on a tag or path. The work is started at the call and
// awaited before the response is sent, so the next request sees it.
import { pathTags, tagDigest } from './cache-tags.js'
import { DATA_PREFIX } from './data-cache.js'
import { PAGE_PREFIX, cacheKey } from './page-cache.js'

/**
 * Expires what carries one of `tags`: data at once; pages at once with `expire: 0`,
 * otherwise (Next 16's 'max' profile) served stale once while they regenerate.
 * @param {import('./request-store.js').RequestStore} store
 * @param {string[]} tags
 * @param {string | { expire?: number }} [profile]
 */
export function expireTags(store, tags, profile) {
  const kv = store.cache?.kv
  if (!kv) return
  const digests = new Set(tags.map(tagDigest))
  const stale = !(typeof profile === 'object' && profile?.expire === 0)
  store.pendingRevalidations.push(Promise.all([kv.expireTagged(PAGE_PREFIX, digests, { stale }), kv.expireTagged(DATA_PREFIX, digests, { stale: false })]))
}

/**
 * Expires a path's page at once; with a type, every page under that layout or of that
 * page pattern.
 * @param {import('./request-store.js').RequestStore} store
 * @param {string} path
 * @param {'page' | 'layout'} [type]
 */
export function expirePath(store, path, type) {
  const kv = store.cache?.kv
  if (!kv) return
  if (!type) store.pendingRevalidations.push(cacheKey(path).then((key) => kv.delete(key)))
  else store.pendingRevalidations.push(kv.expireTagged(PAGE_PREFIX, new Set(pathTags(path, type).map(tagDigest)), { stale: false }))
}

/** Waits for the revalidations a handler or action started. */
export async function settleRevalidations(store) {
  await Promise.all(store.pendingRevalidations.splice(0))
}
