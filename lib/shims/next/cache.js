// `next/cache` over vnext's KV caches: revalidation expires cached pages and data
// (awaited before the response that asked for it), and `unstable_cache` keeps its
// function's results in the data cache. Outside a Worker with its KV namespace, both
// fall back to fresh renders and calls.
import { expirePath, expireTags } from '../../server/revalidation.js'
import { currentRequest, markDynamic, requestStore } from '../../server/request-store.js'

function revalidationStore(apiName) {
  const store = currentRequest(apiName)
  store.revalidated = true
  return store
}

/** @param {string} path @param {'page' | 'layout'} [type] */
export function revalidatePath(path, type) {
  expirePath(revalidationStore('revalidatePath'), path, type)
}

/** @param {string} tag @param {string | { expire?: number }} [profile] */
export function revalidateTag(tag, profile) {
  expireTags(revalidationStore('revalidateTag'), [tag], profile)
}

/** Expires a tag at once, for the action that called it to read fresh data. */
export function updateTag(tag) {
  expireTags(revalidationStore('updateTag'), [tag], { expire: 0 })
}

export function refresh() {
  revalidationStore('refresh')
}

/**
 * @template {(...args: any[]) => Promise<any>} T
 * @param {T} callback
 * @param {string[]} [keyParts]
 * @param {{ revalidate?: number | false, tags?: string[] }} [options]
 * @returns {T}
 */
export function unstable_cache(callback, keyParts = [], options = {}) {
  const tags = options.tags ?? []
  const revalidate = typeof options.revalidate === 'number' ? options.revalidate : false
  return async (...args) => {
    const store = requestStore.getStore()
    if (!store) return callback(...args)
    for (const tag of tags) store.cacheTags.add(tag)
    if (revalidate !== false) store.dataRevalidate = Math.min(store.dataRevalidate ?? Infinity, revalidate)
    const data = store.cache?.data
    if (!data) return callback(...args)
    const compute = async () => new TextEncoder().encode(JSON.stringify({ value: await callback(...args) }))
    const bytes = await data.get(['unstable_cache', callback.toString(), keyParts, args], compute, { revalidate, tags })
    return JSON.parse(new TextDecoder().decode(bytes)).value
  }
}

/** Makes the render dynamic, as `connection()` does. */
export function unstable_noStore() {
  const store = requestStore.getStore()
  if (store) markDynamic(store, '`unstable_noStore()`')
}

export function cacheLife() {}

export function cacheTag() {}
