'use client'
// `next/link`: an anchor whose plain left click navigates with the client router.
// Modified clicks, other targets and other origins stay the browser's.
import { createElement, forwardRef, useCallback, useEffect, useRef } from 'react'

import { navigate, prefetch as prefetchPage } from '../../client/router.js'

/** Links waiting to come into view, each with the URL it prefetches then. */
const waiting = new WeakMap()
let viewport = null

/** One observer for every link: a link that comes into view prefetches its page. */
function observeViewport(element, href) {
  viewport ??= new IntersectionObserver((entries) => {
    for (const entry of entries) {
      if (!entry.isIntersecting) continue
      prefetchPage(waiting.get(entry.target))
      viewport.unobserve(entry.target)
    }
  })
  waiting.set(element, href)
  viewport.observe(element)
  return () => viewport.unobserve(element)
}

const Link = forwardRef(function Link(
  { href, as, replace, scroll, prefetch, shallow, passHref, legacyBehavior, locale, onNavigate, onClick, ...rest },
  ref,
) {
  const url = formatHref(as ?? href)
  const anchor = useRef(null)
  const setRef = useCallback(
    (element) => {
      anchor.current = element
      if (typeof ref === 'function') ref(element)
      else if (ref) ref.current = element
    },
    [ref],
  )
  // As in Next, a link prefetches once it is in view, unless `prefetch={false}`.
  useEffect(() => {
    if (prefetch === false || !anchor.current || typeof IntersectionObserver === 'undefined') return
    return observeViewport(anchor.current, url)
  }, [url, prefetch])
  const handleClick = (event) => {
    onClick?.(event)
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return
    if (rest.target && rest.target !== '_self') return
    if (rest.download !== undefined) return
    const target = new URL(url, window.location.href)
    if (target.origin !== window.location.origin) return
    // Only the hash changes: the browser scrolls to the anchor by itself.
    if (target.hash && target.pathname === window.location.pathname && target.search === window.location.search) return
    let prevented = false
    onNavigate?.({ preventDefault: () => (prevented = true) })
    event.preventDefault()
    if (!prevented) navigate(url, { history: replace ? 'replace' : 'push', scroll: scroll !== false })
  }
  return createElement('a', { ...rest, ref: setRef, href: url, onClick: handleClick })
})

export default Link

/** `href` as a string or a URL object (`{ pathname, query, hash }`). */
function formatHref(href) {
  if (typeof href === 'string') return href
  const query = href.query ? `?${new URLSearchParams(href.query)}` : (href.search ?? '')
  const hash = href.hash ? (href.hash.startsWith('#') ? href.hash : `#${href.hash}`) : ''
  return `${href.pathname ?? ''}${query}${hash}`
}
