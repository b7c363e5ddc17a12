// `fetch` during a request, as Next patches it: identical GETs of one render are made
// once; `cache: 'force-cache'` and `next.revalidate` keep responses in the data cache
// (with `next.tags`); `cache: 'no-store'` or `next.revalidate: 0` makes the page
// dynamic; and the shortest revalidate and the tags of a render's data go to its page.
import { markDynamic, requestStore } from './request-store.js'

const platformFetch = globalThis.fetch

globalThis.fetch = function fetch(input, init) {
  const store = requestStore.getStore()
  return store ? requestFetch(store, input, init) : platformFetch(input, init)
}

async function requestFetch(store, input, init = {}) {
  // Workers implement no `cache` mode but 'no-store', and `next` is Next's own.
  const { cache: _cache, next: _next, ...platformInit } = init
  const send = () => platformFetch(input, platformInit)
  const url = input instanceof Request ? input.url : String(input)
  const method = (init.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase()
  const { revalidate, tags = [] } = init.next ?? {}
  const cacheMode = routeCacheMode(store.fetchCache, init.cache, revalidate, url)
  if (cacheMode === 'no-store' || revalidate === 0) markDynamic(store, `fetch ${url} with \`cache: 'no-store'\``)
  for (const tag of tags) store.cacheTags.add(tag)
  if (typeof revalidate === 'number' && revalidate > 0) store.dataRevalidate = Math.min(store.dataRevalidate ?? Infinity, revalidate)
  if (method !== 'GET' || init.body != null || init.signal) return send()

  const headers = [...new Headers(init.headers ?? (input instanceof Request ? input.headers : undefined))]
  const identity = [url, headers, cacheMode ?? null, revalidate ?? null, tags]
  const memoKey = JSON.stringify(identity)
  let response = store.fetches.get(memoKey)
  if (!response) {
    const cached = store.cache?.data && cacheMode !== 'no-store' && (cacheMode === 'force-cache' || (typeof revalidate === 'number' && revalidate > 0))
    const window = typeof revalidate === 'number' ? revalidate : false
    response = cached ? cachedFetch(store.cache.data, identity, send, window, tags) : send()
    store.fetches.set(memoKey, response)
  }
  // Every caller reads its own copy; the memoized response stays unread.
  return (await response).clone()
}

/** A response from the data cache, or fetched and stored there (status, headers, then the body). */
async function cachedFetch(data, identity, send, revalidate, tags) {
  const bytes = await data.get(['fetch', ...identity], () => send().then(encodeResponse), { revalidate, tags })
  const headEnd = bytes.indexOf(10)
  const { status, statusText, headers } = JSON.parse(new TextDecoder().decode(bytes.subarray(0, headEnd)))
  return new Response(bytes.subarray(headEnd + 1), { status, statusText, headers })
}

async function encodeResponse(response) {
  const head = new TextEncoder().encode(`${JSON.stringify({ status: response.status, statusText: response.statusText, headers: [...response.headers] })}\n`)
  const body = new Uint8Array(await response.arrayBuffer())
  const bytes = new Uint8Array(head.length + body.length)
  bytes.set(head, 0)
  bytes.set(body, head.length)
  return bytes
}

/**
 * A fetch's cache mode under the route's `fetchCache` config: `force-*` overrides the
 * fetch's own, `default-*` fills it in when the fetch sets none, `only-*` fills it in
 * and refuses the other, as Next does.
 */
function routeCacheMode(fetchCache, cacheMode, revalidate, url) {
  const unset = cacheMode === undefined && revalidate === undefined
  switch (fetchCache) {
    case 'force-cache':
      return 'force-cache'
    case 'force-no-store':
      return 'no-store'
    case 'default-cache':
      return unset ? 'force-cache' : cacheMode
    case 'default-no-store':
      return unset ? 'no-store' : cacheMode
    case 'only-cache':
      if (cacheMode === 'no-store') throw new Error(`cache: 'no-store' used on fetch for ${url} with 'export const fetchCache = 'only-cache'`)
      return cacheMode ?? 'force-cache'
    case 'only-no-store':
      if (cacheMode === 'force-cache') throw new Error(`cache: 'force-cache' used on fetch for ${url} with 'export const fetchCache = 'only-no-store'`)
      return cacheMode ?? 'no-store'
    default:
      return cacheMode
  }
}
