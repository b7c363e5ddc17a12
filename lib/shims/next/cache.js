// `next/cache`: the API surface. vnext keeps no data cache or ISR pages yet (they come
// with ISR on KV), so every render already reads fresh data: revalidation has nothing
// to drop beyond noting, for a server action, that the page must be sent again, and
// `unstable_cache` calls its function every time.
import { currentRequest } from '../../server/request-store.js'

function noteRevalidation(apiName) {
  currentRequest(apiName).revalidated = true
}

/** @param {string} path @param {'page' | 'layout'} [type] */
export function revalidatePath(path, type) {
  noteRevalidation('revalidatePath')
}

/** @param {string} tag @param {string | { expire?: number }} [profile] */
export function revalidateTag(tag, profile) {
  noteRevalidation('revalidateTag')
}

/** @param {string} tag */
export function updateTag(tag) {
  noteRevalidation('updateTag')
}

export function refresh() {
  noteRevalidation('refresh')
}

/**
 * @template {(...args: any[]) => Promise<any>} T
 * @param {T} callback
 * @returns {T}
 */
export function unstable_cache(callback) {
  return (...args) => callback(...args)
}

export function unstable_noStore() {}

export function cacheLife() {}

export function cacheTag() {}
