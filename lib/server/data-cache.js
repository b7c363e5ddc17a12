// The data cache behind `unstable_cache` and cached `fetch`es: bytes in KV under a hash
// of what identifies the data, with their revalidate time and tag digests in the
// metadata. Old data is returned once more while it is fetched again in the background.
import { encodeTags } from './cache-tags.js'
import { sha256 } from './page-cache.js'

export const DATA_PREFIX = 'data:'

/** Per isolate: refreshes in flight, one per key. */
const refreshing = new Map()

export class DataCache {
  /**
   * @param {import('./kv-store.js').KvStore} store
   * @param {(promise: Promise<unknown>) => void} waitUntil
   */
  constructor(store, waitUntil) {
    this.store = store
    this.waitUntil = waitUntil
  }

  /**
   * The bytes cached under `identity`, or those `compute` makes (then cached).
   * @param {unknown[]} identity  JSON-serialisable parts that name the data
   * @param {() => Promise<Uint8Array>} compute
   * @param {{ revalidate: number | false, tags: string[] }} options
   * @returns {Promise<Uint8Array>}
   */
  async get(identity, compute, { revalidate, tags }) {
    const key = DATA_PREFIX + (await sha256(JSON.stringify(identity)))
    const computeAndStore = async () => {
      const value = await compute()
      this.waitUntil(this.store.put(key, value, { cachedAt: Date.now(), revalidate, tags: encodeTags(tags) }))
      return value
    }
    const found = await this.store.get(key)
    if (!found) return computeAndStore()
    const { cachedAt, revalidate: window } = found.metadata
    if (window !== false && Date.now() - cachedAt >= window * 1000 && !refreshing.has(key)) {
      const refresh = computeAndStore()
        .catch((error) => console.error('vnext: refreshing cached data failed; the old data is kept:', error))
        .finally(() => refreshing.delete(key))
      refreshing.set(key, refresh)
      this.waitUntil(refresh)
    }
    return new Uint8Array(found.value)
  }
}
