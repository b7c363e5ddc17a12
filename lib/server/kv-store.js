// The Worker's view of its KV namespace: reads, writes within KV's limits, and what
// this isolate wrote or deleted in the last minute laid over KV's answers (KV is
// eventually consistent, and caches even a missing key for up to a minute).
import { carriesTag } from './cache-tags.js'

/** The Worker's binding of the KV namespace that holds its pages and data. */
export const CACHE_BINDING = 'VNEXT_CACHE'
/** KV refuses values over 25 MiB. */
export const MAX_VALUE_BYTES = 25 * 1024 * 1024
/** KV allows one write per key per second. */
const WRITE_INTERVAL_MS = 1000
/** How long this isolate trusts its own writes over what KV answers, and for how many keys. */
const OVERLAY_MS = 60_000
const OVERLAY_KEYS = 256

/** key → { value: Uint8Array | null (deleted), metadata, at } */
const overlay = new Map()

/**
 * @typedef {{ value: ArrayBuffer | Uint8Array, metadata: Record<string, any> }} KvEntry
 */
export class KvStore {
  /** @param {KVNamespace} namespace a Workers KV binding, or anything with its API */
  constructor(namespace) {
    this.namespace = namespace
  }

  /** @returns {Promise<KvEntry | null>} */
  async get(key) {
    const recent = recentWrite(key)
    if (recent) return recent.value && recent
    const { value, metadata } = await this.namespace.getWithMetadata(key, { type: 'arrayBuffer' })
    return value === null ? null : { value, metadata }
  }

  /**
   * Writes unless the key was written less than a second ago (KV's limit) or the value
   * is over 25 MiB. A failed write (KV answers 429 when written too often) is logged:
   * the entry is rendered again when next asked for.
   * @returns {Promise<boolean>} whether the value went to KV
   */
  async put(key, value, metadata) {
    if (value.length > MAX_VALUE_BYTES) {
      console.warn(`vnext: ${key} is ${value.length} bytes, over KV's 25 MiB limit; it is not cached.`)
      return false
    }
    const previous = overlay.get(key)
    if (previous?.value && Date.now() - previous.at < WRITE_INTERVAL_MS) return false
    remember(key, value, metadata)
    try {
      await this.namespace.put(key, value, { metadata })
      return true
    } catch (error) {
      overlay.delete(key)
      console.error(`vnext: writing ${key} to KV failed:`, error)
      return false
    }
  }

  async delete(key) {
    remember(key, null, null)
    await this.namespace.delete(key)
  }

  /**
   * Expires the entries under `prefix` that carry one of the tag digests: deleted, or
   * with `stale` only marked so that they are served once more while they regenerate.
   * @param {string} prefix
   * @param {Set<string>} digests
   * @param {{ stale: boolean }} how
   */
  async expireTagged(prefix, digests, { stale }) {
    const keys = new Set()
    let cursor
    do {
      const page = await this.namespace.list({ prefix, cursor })
      for (const { name, metadata } of page.keys) if (carriesTag(metadata, digests)) keys.add(name)
      cursor = page.list_complete ? undefined : page.cursor
    } while (cursor)
    for (const [key, recent] of overlay) if (key.startsWith(prefix) && recent.value && carriesTag(recent.metadata, digests)) keys.add(key)
    await Promise.all([...keys].map((key) => (stale ? this.markStale(key) : this.delete(key))))
  }

  /** Rewrites an entry with `stale: true` in its metadata. */
  async markStale(key) {
    const entry = await this.get(key)
    if (!entry || entry.metadata.stale) return
    const metadata = { ...entry.metadata, stale: true }
    remember(key, new Uint8Array(entry.value), metadata)
    await this.namespace.put(key, entry.value, { metadata })
  }
}

/** Notes a write (a null value: a delete), dropping the oldest notes beyond the limit. */
function remember(key, value, metadata) {
  overlay.delete(key)
  overlay.set(key, { value, metadata, at: Date.now() })
  for (const oldest of overlay.keys()) {
    if (overlay.size <= OVERLAY_KEYS) break
    overlay.delete(oldest)
  }
}

function recentWrite(key) {
  const recent = overlay.get(key)
  if (!recent) return null
  if (Date.now() - recent.at < OVERLAY_MS) return recent
  overlay.delete(key)
  return null
}
