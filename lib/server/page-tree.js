// Builds the React tree of one page from its route's segments, as the App Router
// nests them: each segment's layout holds its template, then its error boundary, its
// loading Suspense, and inside those the page or the next segment.
import { Fragment, Suspense, createElement as h } from 'react'

import { LayoutSegmentsProvider, NavigationProvider } from '../client/navigation-context.js'
import { AccessFallbackBoundary, ErrorBoundary, RedirectBoundary, ServerErrorFallback } from '../client/segment-boundaries.js'
import { authInterruptsEnabled } from '../shims/next/navigation-errors.js'
import { renderMetadata } from './metadata.js'
import { markDynamic, requestStore } from './request-store.js'

/**
 * A route segment as the generated server entry describes it: its convention files
 * as loaders, and its slots (`children` and each `@slot`); `params` on a slot that
 * shows another URL's content (soft-navigation.js).
 * @typedef {{ segment: string, files: Record<string, () => Promise<any>>, slots?: Record<string, Segment>, params?: Record<string, string | string[]> }} Segment
 */

/**
 * Where a render replaces a segment's content with a fallback: the segment's depth, and
 * what to show (its `not-found.js`, or its `error.js` for an error with this digest).
 * A `global-error` cut replaces the whole document, root layout included.
 * @typedef {{ depth: number, kind: 'not-found' | 'forbidden' | 'unauthorized' } | { depth: number, kind: 'error' | 'global-error', digest: string }} Cut
 */

/**
 * @param {Segment} root
 * @param {{ pathname: string, params: Record<string, string | string[]>, searchParams: URLSearchParams, cut?: Cut, stylesheets: string[], fileLinks: object[], fileImages: object[] }} request
 *   `fileLinks`: the `<link>` props for the page's icon files and the web manifest;
 *   `fileImages`: its segments' static Open Graph and Twitter images
 */
export async function renderPageTree(root, { pathname, params, searchParams, cut, stylesheets, fileLinks, fileImages }) {
  const navigation = { pathname, search: searchParams.toString(), params }
  if (cut?.kind === 'global-error') {
    const { default: GlobalError } = await root.files['global-error']()
    const robots = h('meta', { name: 'robots', content: 'noindex' })
    return h(Fragment, null, robots, h(NavigationProvider, navigation, h(ServerErrorFallback, { errorComponent: GlobalError, digest: cut.digest })))
  }
  const props = { params: Promise.resolve(params), searchParams: searchParamsPromise(searchParams) }
  const segments = { ...(await loadSegments(root, cut)), params, pathname }
  const tree = await renderSegment(root, segments, props, cut, 0, {})
  const metadata = await renderMetadata(segments.chain, props, cut, fileLinks, fileImages)
  const links = stylesheets.map((href) => h('link', { key: href, rel: 'stylesheet', href, precedence: 'next' }))
  return h(Fragment, null, ...links, metadata, h(NavigationProvider, navigation, tree))
}

/**
 * The modules of every segment the render reaches, loaded in parallel, and the chain of
 * `children` segments from the root to the page (or the cut), for metadata.
 */
async function loadSegments(root, cut) {
  const modules = new Map()
  const chain = []
  const visit = (node, depth, onChain) => {
    const entries = Object.entries(node.files)
    const loaded = Promise.all(entries.map(async ([kind, load]) => [kind, await load()])).then(Object.fromEntries)
    modules.set(node, loaded)
    if (onChain) chain.push(node)
    if (cut && depth === cut.depth) return
    for (const [name, child] of Object.entries(node.slots ?? {})) visit(child, depth + 1, onChain && name === 'children')
  }
  visit(root, 0, true)
  const resolved = new Map()
  await Promise.all([...modules].map(async ([node, loaded]) => resolved.set(node, await loaded)))
  return { modules: resolved, chain: chain.map((node) => resolved.get(node)) }
}

/** `paramsAbove`: the params of the dynamic segments above `node`; its layout gets those and its own. */
async function renderSegment(node, segments, props, cut, depth, paramsAbove) {
  // A slot a soft navigation kept shows another URL's content, with that URL's params.
  if (node.params) {
    segments = { ...segments, params: node.params }
    props = { ...props, params: Promise.resolve(node.params) }
  }
  const files = segments.modules.get(node)
  const dynamic = dynamicSegment(node.segment)
  const layoutParams = dynamic && dynamic.name in segments.params ? { ...paramsAbove, [dynamic.name]: segments.params[dynamic.name] } : paramsAbove
  const component = (kind) => files[kind]?.default
  let content
  if (cut && depth === cut.depth) {
    const status = accessFallbackStatus(cut.kind)
    content = status ? fallbackContent(status, component(cut.kind)) : h(ServerErrorFallback, { errorComponent: component('error'), digest: cut.digest })
  } else if (files.page) {
    content = h(component('page'), props)
  } else if (node.slots?.children) {
    content = await renderSegment(node.slots.children, segments, props, cut, depth + 1, layoutParams)
  } else if (files.default) {
    // A slot with nothing for this URL shows its `default.js`.
    content = h(component('default'), { params: props.params })
  } else {
    content = null
  }

  const { pathname } = segments
  // The root shows Next's own pages for the statuses no segment has a file for (403
  // and 401 only when `forbidden()` and `unauthorized()` are enabled, so other apps'
  // pages do not carry them).
  const fallbacks = Object.entries(ACCESS_FALLBACKS).filter(([status, { file }]) => component(file) || (depth === 0 && (status === '404' || authInterruptsEnabled())))
  if (fallbacks.length > 0) {
    const shown = Object.fromEntries(fallbacks.map(([status, { file }]) => [status, fallbackContent(status, component(file))]))
    content = h(AccessFallbackBoundary, { pathname, fallbacks: shown }, content)
  }
  // Inside the root layout, so the document stays while the redirect navigates.
  if (depth === 0) content = h(RedirectBoundary, { pathname }, content)
  if (component('loading')) content = h(Suspense, { fallback: h(component('loading')) }, content)
  if (component('error')) content = h(ErrorBoundary, { pathname, errorComponent: component('error') }, content)
  // A template mounts afresh whenever the segment below it changes.
  if (component('template')) content = h(component('template'), { key: childSegmentKey(node, files, segments.params) }, content)
  const layout = component('layout')
  if (layout) content = await renderLayout(layout, node, segments, props, cut, depth, content, layoutParams)
  // In the browser, global-error.js catches what escapes the root layout.
  if (depth === 0 && component('global-error')) content = h(ErrorBoundary, { pathname, errorComponent: component('global-error') }, content)
  // Keyed by its value, a dynamic segment mounts afresh when a navigation changes it, as in Next.
  if (dynamic) content = h(Fragment, { key: segmentValue(node.segment, segments.params) }, content)
  return content
}

async function renderLayout(layout, node, segments, props, cut, depth, content, layoutParams) {
  const slots = {}
  if (!(cut && depth === cut.depth)) {
    for (const [name, child] of Object.entries(node.slots ?? {})) {
      if (name !== 'children') slots[name] = await renderSegment(child, segments, props, cut, depth + 1, layoutParams)
    }
  }
  const below = Object.fromEntries(Object.entries(node.slots ?? {}).map(([name, child]) => [name, activeSegments(child, segments.params)]))
  return h(LayoutSegmentsProvider, { segments: below }, h(layout, { params: Promise.resolve(layoutParams), ...slots }, content))
}

/** The segments from `node` down its `children` chain, with params filled in. */
function activeSegments(node, params) {
  return childrenChain(node).map((segment) => segmentValue(segment.segment, params))
}

/** What is below a segment, with its params filled in: `[id]` under `/shop/7` is `7`. */
function childSegmentKey(node, files, params) {
  if (files.page) return '__PAGE__'
  return segmentValue(node.slots?.children?.segment ?? '', params)
}

/** A segment as the URL has it: `[id]` under `/shop/7` is `7`, a catch-all its parts joined. */
function segmentValue(segment, params) {
  const dynamic = dynamicSegment(segment)
  if (!dynamic) return segment
  const value = params[dynamic.name]
  return Array.isArray(value) ? value.join('/') : (value ?? '')
}

/** The segments from the root down to the page, following `children`. */
export function childrenChain(root) {
  const chain = []
  for (let node = root; node; node = node.slots?.children) chain.push(node)
  return chain
}

/**
 * `[id]`, `[...slug]` or `[[...path]]` as its param's name and kind; null for a static
 * segment.
 * @param {string} segment
 */
export function dynamicSegment(segment) {
  const match = /^\[(\[)?(\.\.\.)?([^\]]+)\]?\]$/.exec(segment)
  return match && { name: match[3], catchAll: Boolean(match[2]), optional: Boolean(match[1]) }
}

/**
 * What `notFound()`, `forbidden()` and `unauthorized()` show, by status: the segment
 * file, and the words of Next's own page for it.
 */
export const ACCESS_FALLBACKS = {
  404: { file: 'not-found', message: 'This page could not be found.' },
  403: { file: 'forbidden', message: 'This page could not be accessed.' },
  401: { file: 'unauthorized', message: "You're not authorized to access this page." },
}

/** The status a cut of this kind answers with; undefined for an error. */
export function accessFallbackStatus(kind) {
  const found = Object.entries(ACCESS_FALLBACKS).find(([, { file }]) => file === kind)
  return found && Number(found[0])
}

/** The segment's file for `status` (`not-found.js`, …), or Next's own page for it. */
function fallbackContent(status, Fallback) {
  if (Fallback) return h(Fallback)
  const { message } = ACCESS_FALLBACKS[status]
  return h(
    Fragment,
    null,
    h('title', null, `${status}: ${message}`),
    h('div', { style: { textAlign: 'center', paddingTop: '30vh', fontFamily: 'system-ui, sans-serif' } }, h('h1', null, String(status)), h('h2', null, message)),
  )
}

/**
 * `searchParams` as a Promise that makes the render dynamic once something reads it,
 * as Next's does: a page that never looks at its query can still be prerendered. A
 * subclass, because `await` on a plain Promise never calls its `then`.
 */
class SearchParamsPromise extends Promise {
  static get [Symbol.species]() {
    return Promise
  }

  then(onFulfilled, onRejected) {
    const store = requestStore.getStore()
    if (store) markDynamic(store, '`searchParams`')
    return super.then(onFulfilled, onRejected)
  }
}

function searchParamsPromise(searchParams) {
  // A `force-static` page sees no query, as it sees no headers or cookies.
  if (requestStore.getStore()?.forceStatic) return Promise.resolve({})
  return new SearchParamsPromise((resolve) => resolve(searchParamsObject(searchParams)))
}

/** Query values as Next gives them to pages: a string, or an array when repeated. */
function searchParamsObject(searchParams) {
  const object = {}
  for (const key of new Set(searchParams.keys())) {
    const values = searchParams.getAll(key)
    object[key] = values.length === 1 ? values[0] : values
  }
  return object
}
