// Cache tags: what a cached page or datum depends on, and how revalidating a tag or a
// path finds the entries to expire. Each entry's KV metadata carries short digests of
// its tags, so a hit needs no second read; a revalidation lists the entries instead
// (KV returns keys with their metadata) and expires those that carry the tag.

/** Next's prefix for the tags it derives from a page's path and segments. */
const IMPLICIT_PREFIX = '_N_T_'
/** Metadata room for tag digests; an entry with more matches every tag. */
const DIGEST_BUDGET = 600
const ANY_TAG = '*'

/**
 * The tags every page carries: its path, each layout above it and its page pattern,
 * so `revalidatePath('/blog', 'layout')` reaches every page under `app/blog/layout`.
 * @param {string} routePath e.g. `/posts/[id]`
 * @param {string} pathname e.g. `/posts/1`
 */
export function implicitTags(routePath, pathname) {
  const parts = routePath.split('/').filter(Boolean)
  const tags = [pathname]
  for (let depth = 0; depth <= parts.length; depth++) tags.push(`/${parts.slice(0, depth).join('/')}`.replace(/\/$/, '') + '/layout')
  tags.push(`${routePath === '/' ? '' : routePath}/page`)
  return tags.map((tag) => IMPLICIT_PREFIX + tag)
}

/**
 * The tags `revalidatePath(path, type)` expires: with a type, the layout or page
 * pattern (and the path itself, for a path without brackets).
 */
export function pathTags(path, type) {
  const tags = [path]
  if (type) tags.push(`${path === '/' ? '' : path}/${type}`)
  return tags.map((tag) => IMPLICIT_PREFIX + tag)
}

/** A tag's digest: FNV-1a, 32 bits, in hex. A collision only expires an entry early. */
export function tagDigest(tag) {
  let hash = 0x811c9dc5
  for (let i = 0; i < tag.length; i++) hash = Math.imul(hash ^ tag.charCodeAt(i), 0x01000193)
  return (hash >>> 0).toString(16).padStart(8, '0')
}

/** The `tags` field of an entry's metadata. */
export function encodeTags(tags) {
  const digests = [...new Set([...tags].map(tagDigest))].join(',')
  return digests.length > DIGEST_BUDGET ? ANY_TAG : digests
}

/** Whether an entry's metadata carries one of `digests` (a Set of tag digests). */
export function carriesTag(metadata, digests) {
  const tags = metadata?.tags
  if (typeof tags !== 'string') return false
  return tags === ANY_TAG || tags.split(',').some((digest) => digests.has(digest))
}
