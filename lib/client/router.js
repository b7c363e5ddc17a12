// The client router: a navigation fetches the next page's flight payload (`RSC: 1`)
// and hands the tree to the root, which renders it in a transition. React keeps
// whatever the two trees share (a layout and its client state) and replaces the rest.
import { startTransition } from 'react'
import { createFromFetch, encodeReply } from 'react-server-dom-webpack/client'

/** Set by the app root once it has mounted: shows a flight tree. */
let showTree = null
let currentRootLayout = null
let latestNavigation = 0

/** @param {(tree: Promise<unknown>) => void} show @param {string} rootLayout */
export function mountRouter(show, rootLayout) {
  showTree = show
  currentRootLayout = rootLayout
  window.addEventListener('popstate', () => navigate(window.location.href, { history: 'none', scroll: false }))
}

/**
 * @param {string} href
 * @param {{ history?: 'push' | 'replace' | 'none', scroll?: boolean }} [options]
 */
export async function navigate(href, { history = 'push', scroll = true } = {}) {
  const url = new URL(href, window.location.href)
  if (!showTree || url.origin !== window.location.origin) {
    window.location.assign(url.href)
    return
  }
  const navigation = ++latestNavigation
  const response = await fetch(url, { headers: { RSC: '1' } })
  if (navigation !== latestNavigation) return
  const rootLayout = response.headers.get('x-vnext-root-layout')
  if ((!response.ok && response.status !== 404) || rootLayout !== currentRootLayout) {
    // Another root layout (or an answer that is not a page) means a new document.
    window.location.assign(response.redirected ? response.url : url.href)
    return
  }
  // A redirect on the server ends at another URL: that is the one to show.
  const shown = response.redirected ? new URL(response.url) : url
  if (history === 'push') window.history.pushState(null, '', shown.href)
  if (history === 'replace') window.history.replaceState(null, '', shown.href)
  const tree = createFromFetch(Promise.resolve(response), { callServer })
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

/** Renders the current URL again from the server, keeping client state where it can. */
export function refresh() {
  return navigate(window.location.href, { history: 'none', scroll: false })
}

/** What `useRouter()` returns, and `window.next.router`, as in Next. */
export const appRouter = {
  push: (href, options) => navigate(href, { history: 'push', scroll: options?.scroll !== false }),
  replace: (href, options) => navigate(href, { history: 'replace', scroll: options?.scroll !== false }),
  refresh: () => refresh(),
  back: () => window.history.back(),
  forward: () => window.history.forward(),
  prefetch: () => {},
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
  if (root !== undefined && showTree) startTransition(() => showTree(Promise.resolve(root)))
  return returnValue
}
