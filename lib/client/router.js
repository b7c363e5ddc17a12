// The client router: a navigation fetches the next page's flight payload (`RSC: 1`)
// and hands the tree to the root, which renders it in a transition. React keeps
// whatever the two trees share (a layout and its client state) and replaces the rest.
import { startTransition } from 'react'
import { createFromFetch, encodeReply } from 'react-server-dom-webpack/client'

/** Set by the app root once it has mounted: shows a flight tree. */
let showTree = null
let currentRootLayout = null
let latestNavigation = 0

/**
 * What each history entry shows, kept in its state so back and forward show it again:
 * its key in `visited`, where each slot's content came from (the server's
 * `x-vnext-slots`), and the URL the navigation to it started from (`Next-Url`, which
 * decides interceptions).
 * @typedef {{ key: string, slots: Record<string, unknown>, nextUrl: string | null }} EntryState
 */
/** @type {EntryState} */
let current = { key: '', slots: {}, nextUrl: null }

/**
 * The trees of the history entries this document showed, by key, the most recent last:
 * back and forward show a page again as it was, without asking the server, as Next's
 * router cache does whatever `staleTimes` say. Cleared when data may have changed:
 * `router.refresh()`, or an action that re-rendered the page.
 * @type {Map<string, Promise<unknown>>}
 */
const visited = new Map()
const VISITED_LIMIT = 50
const documentPrefix = Math.random().toString(36).slice(2)
let entryCount = 0

/** A key unique within this document and unlike those of documents before it in the tab's history. */
function newEntryKey() {
  return `${documentPrefix}-${entryCount++}`
}

function remember(key, tree) {
  visited.delete(key)
  visited.set(key, tree)
  if (visited.size > VISITED_LIMIT) visited.delete(visited.keys().next().value)
}

/** How long a prefetched page is used, as Next's `staleTimes.static` (five minutes). */
const PREFETCH_FRESH_MS = 5 * 60 * 1000
/**
 * Prefetched payloads by URL. The server answers a prefetch only for a page it serves
 * from its cache (static or ISR); the rest are left to the navigation.
 * @type {Map<string, { at: number, from: string, loaded: Promise<{ body: ArrayBuffer, status: number, headers: Headers } | null> }>}
 */
const prefetched = new Map()

/** What a navigation from here sends besides `RSC: 1`: the slots it keeps and where it starts. */
function navigationHeaders(from) {
  const headers = { RSC: '1', 'x-vnext-slots': JSON.stringify(from.slots) }
  if (from.nextUrl) headers['next-url'] = from.nextUrl
  return headers
}

function startingHere() {
  return { slots: current.slots, nextUrl: window.location.pathname + window.location.search }
}

/**
 * Fetches the payload of `href` ahead of a navigation to it, once per five minutes.
 * @param {string} href
 */
export function prefetch(href) {
  const url = new URL(href, window.location.href)
  if (url.origin !== window.location.origin) return
  const key = url.pathname + url.search
  const from = startingHere()
  const known = prefetched.get(key)
  if (known && Date.now() - known.at < PREFETCH_FRESH_MS && known.from === JSON.stringify(from)) return
  const loaded = fetch(url, { headers: { ...navigationHeaders(from), 'next-router-prefetch': '1' } }).then(
    async (response) => (response.status === 200 && !response.redirected ? { body: await response.arrayBuffer(), status: response.status, headers: response.headers } : null),
    () => null,
  )
  prefetched.set(key, { at: Date.now(), from: JSON.stringify(from), loaded })
}

/** The prefetched answer for a navigation to `url` from `from`, if one is fresh. */
async function takePrefetched(url, from) {
  const known = prefetched.get(url.pathname + url.search)
  if (!known || Date.now() - known.at >= PREFETCH_FRESH_MS || known.from !== JSON.stringify(from)) return null
  const answer = await known.loaded
  return answer && new Response(answer.body, { status: answer.status, headers: answer.headers })
}

/**
 * @param {(tree: Promise<unknown>) => void} show
 * @param {Promise<unknown>} tree the tree the document hydrated
 * @param {string} rootLayout
 * @param {Record<string, unknown>} slots
 */
export function mountRouter(show, tree, rootLayout, slots) {
  showTree = show
  currentRootLayout = rootLayout
  current = { key: newEntryKey(), slots, nextUrl: null }
  remember(current.key, tree)
  window.history.replaceState({ ...window.history.state, vnext: current }, '')
  window.addEventListener('popstate', (event) => {
    const entry = event.state?.vnext
    const tree = entry && visited.get(entry.key)
    // An entry the router did not make (the browser's own, for a hash) gets a key of its own.
    if (!tree) return navigate(window.location.href, { history: 'none', scroll: false, entry: entry?.key ? entry : { ...(entry ?? current), key: newEntryKey() } })
    latestNavigation++
    current = entry
    startTransition(() => showTree(tree))
  })
}

/**
 * @param {string} href
 * @param {{ history?: 'push' | 'replace' | 'none', scroll?: boolean, entry?: EntryState }} [options]
 *   `entry`: the state of the history entry being returned to
 */
export async function navigate(href, { history = 'push', scroll = true, entry } = {}) {
  const url = new URL(href, window.location.href)
  if (!showTree || url.origin !== window.location.origin) {
    window.location.assign(url.href)
    return
  }
  const navigation = ++latestNavigation
  const from = entry ?? (history === 'none' ? current : startingHere())
  const response = (await takePrefetched(url, from)) ?? (await fetch(url, { headers: navigationHeaders(from) }))
  if (navigation !== latestNavigation) return
  const rootLayout = response.headers.get('x-vnext-root-layout')
  if ((!response.ok && response.status !== 404) || rootLayout !== currentRootLayout) {
    // Another root layout (or an answer that is not a page) means a new document.
    window.location.assign(response.redirected ? response.url : url.href)
    return
  }
  // A redirect on the server ends at another URL: that is the one to show.
  const shown = response.redirected ? new URL(response.url) : url
  const key = history === 'push' ? newEntryKey() : (entry ?? current).key
  current = { key, slots: JSON.parse(response.headers.get('x-vnext-slots') ?? '{}'), nextUrl: from.nextUrl }
  if (history === 'push') window.history.pushState({ vnext: current }, '', shown.href)
  else window.history.replaceState({ ...window.history.state, vnext: current }, '', shown.href)
  const tree = createFromFetch(Promise.resolve(response), { callServer })
  remember(key, tree)
  startTransition(() => showTree(tree))
  await tree.catch(() => {})
  if (scroll && !shown.hash) window.scrollTo(0, 0)
  else if (scroll) scrollToAnchor(decodeURIComponent(shown.hash.slice(1)))
}

/** Scrolls to the element a URL's hash names once the new page has rendered it (up to a second). */
function scrollToAnchor(id, frames = 60) {
  const target = document.getElementById(id)
  if (target) target.scrollIntoView()
  else if (frames > 0) requestAnimationFrame(() => scrollToAnchor(id, frames - 1))
}

/** Renders the current URL again from the server, keeping client state where it can; prefetched and visited pages are dropped. */
export function refresh() {
  prefetched.clear()
  visited.clear()
  return navigate(window.location.href, { history: 'none', scroll: false })
}

/** What `useRouter()` returns, and `window.next.router`, as in Next. */
export const appRouter = {
  push: (href, options) => navigate(href, { history: 'push', scroll: options?.scroll !== false }),
  replace: (href, options) => navigate(href, { history: 'replace', scroll: options?.scroll !== false }),
  refresh: () => refresh(),
  back: () => window.history.back(),
  forward: () => window.history.forward(),
  prefetch: (href) => prefetch(href),
}

/**
 * Calls a server action: its arguments go to the current URL, and the answer carries
 * the action's result and, when the action changed something, the page as it is now.
 * @param {string} id
 * @param {unknown[]} args
 */
export async function callServer(id, args) {
  const response = await fetch(window.location.href, {
    method: 'POST',
    headers: { accept: 'text/x-component', 'next-action': id },
    body: await encodeReply(args),
  })
  const redirect = response.headers.get('x-action-redirect')
  if (redirect) {
    navigate(redirect)
    return undefined
  }
  if (!response.ok) throw new Error(`The server action failed with status ${response.status}.`)
  const { returnValue, root } = await createFromFetch(Promise.resolve(response), { callServer })
  if (root !== undefined) {
    // The action changed data: pages prefetched or visited before may show it as it was.
    prefetched.clear()
    visited.clear()
    remember(current.key, Promise.resolve(root))
    if (showTree) startTransition(() => showTree(Promise.resolve(root)))
  }
  return returnValue
}
