// What a soft navigation keeps, as the App Router does: a parallel slot (or `children`)
// that has nothing for the new URL keeps showing what it showed, instead of its
// `default.js`; and a route an intercepting route stands in for (`(.)photo/[id]` in
// `@modal`) is shown through it when the navigation starts from the intercepting URL.
//
// The browser remembers, for each slot position, which route and URL its content came
// from (`x-vnext-slots`, the map this module returns with every page). A navigation
// sends the map back; an unmatched slot is then rendered from the route it names, with
// that URL's params.

/**
 * A slot position is named by the way down to it: the root segment, then per slot its
 * name and the segment it holds (`app/children:dashboard/team`); folder names never
 * hold a `/`.
 *
 * Where a slot's content came from: the route (by index) and the URL it was rendered for.
 * @typedef {{ route: number, pathname: string }} SlotSource
 * @typedef {Record<string, SlotSource>} SlotSources by slot position
 */

/** The request header that carries the browser's map, and the response header with the new one. */
export const SLOTS_HEADER = 'x-vnext-slots'

/**
 * The page's tree with the unmatched slots the browser has content for grafted in from
 * their routes, and the map of where every matched slot's content now comes from.
 * @param {import('./page-tree.js').Segment} tree the route's own tree
 * @param {SlotSource} own this route and URL
 * @param {Array<{ path: string, tree?: import('./page-tree.js').Segment }>} routes
 * @param {SlotSources} kept the browser's map (empty for a document request)
 * @param {(routePath: string, pathname: string) => Record<string, string | string[]>} paramsOf
 * @returns {{ tree: import('./page-tree.js').Segment, sources: SlotSources, grafted: boolean }}
 */
export function composeSlots(tree, own, routes, kept, paramsOf) {
  const sources = {}
  let grafted = false
  // Returns `node` itself when nothing below it was grafted.
  const visit = (node, key, source) => {
    // A segment's own page is its `children` content.
    if (node.files.page) sources[`${key}/children`] = source
    let slots = node.slots
    for (const [name, child] of Object.entries(node.slots ?? {})) {
      const position = `${key}/${name}`
      const keptSource = kept[position]
      const keptNode = !hasPage(child) && source === own && keptSource && contentAt(routes[keptSource.route]?.tree, position)
      const from = keptNode ? keptSource : source
      const shown = keptNode ? { ...keptNode, params: paramsOf(routes[keptSource.route].path, String(keptSource.pathname)) } : child
      if (keptNode) grafted = true
      const visited = visit(shown, `${position}:${shown.segment}`, from)
      if (visited !== child) slots = { ...slots, [name]: visited }
      if (hasPage(visited)) sources[position] = from
    }
    return slots === node.slots ? node : { ...node, slots }
  }
  const composed = visit(tree, tree.segment, own)
  return { tree: composed, sources, grafted }
}

/** Whether a page answers below `node` (else the slot shows a default, or nothing). */
function hasPage(node) {
  if (node.files.page) return true
  return Boolean(node.slots?.children && hasPage(node.slots.children))
}

/**
 * What sits at a slot position of a route's tree: the slot's node, or for `children`
 * of a segment that has the page itself, that page as a node of its own.
 */
function contentAt(tree, position) {
  if (!tree) return null
  const steps = position.split('/')
  let node = tree
  if (steps[0] !== node.segment) return null
  for (let i = 1; i < steps.length; i++) {
    const [name, ...rest] = steps[i].split(':')
    const segment = rest.join(':')
    const last = i === steps.length - 1
    if (last && name === 'children' && node.files.page && !node.slots?.children) return { segment: '__PAGE__', files: { page: node.files.page } }
    const child = node.slots?.[name]
    if (!child || (!last && child.segment !== segment)) return null
    node = child
  }
  return hasPage(node) ? node : null
}

/**
 * The intercepting route to render instead, when `pathname` is a route an
 * interception stands in for and the navigation comes from a URL under the
 * intercepting route's (`Next-Url`, the page the browser shows).
 * @param {Array<{ interceptingPath: string, interceptedPath: string, route: number }>} interceptions
 * @param {string} pathname
 * @param {string | null} nextUrl
 * @returns {number | null}
 */
export function interceptingRoute(interceptions, pathname, nextUrl) {
  if (!nextUrl) return null
  const from = new URL(nextUrl, 'http://n').pathname
  for (const interception of interceptions) {
    if (matchesPattern(interception.interceptedPath, pathname) && isUnder(from, interception.interceptingPath)) return interception.route
  }
  return null
}

function isUnder(pathname, prefix) {
  const parts = (path) => path.split('/').filter((part) => part && !/^\(.*\)$/.test(part))
  const base = parts(prefix)
  const path = parts(pathname)
  return base.every((part, index) => path[index] === part)
}

/** Whether `/photo/[id]`-style `pattern` matches `pathname`, segment by segment. */
function matchesPattern(pattern, pathname) {
  const want = pattern.split('/').filter(Boolean)
  const have = pathname.split('/').filter(Boolean)
  for (let i = 0; i < want.length; i++) {
    if (/^\[\[\.\.\..+\]\]$/.test(want[i])) return true
    if (/^\[\.\.\..+\]$/.test(want[i])) return have.length > i
    if (have[i] === undefined) return false
    if (!/^\[.+\]$/.test(want[i]) && want[i] !== have[i]) return false
  }
  return want.length === have.length
}
