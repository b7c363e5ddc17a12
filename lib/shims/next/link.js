'use client'
// `next/link`: an anchor. Until the client router lands it navigates with a full load.
import { createElement, forwardRef } from 'react'

const Link = forwardRef(function Link({ href, as, replace, scroll, prefetch, shallow, passHref, legacyBehavior, locale, onNavigate, ...rest }, ref) {
  return createElement('a', { ...rest, ref, href: formatHref(as ?? href) })
})

export default Link

/** `href` as a string or a URL object (`{ pathname, query, hash }`). */
function formatHref(href) {
  if (typeof href === 'string') return href
  const query = href.query ? `?${new URLSearchParams(href.query)}` : href.search ?? ''
  const hash = href.hash ? (href.hash.startsWith('#') ? href.hash : `#${href.hash}`) : ''
  return `${href.pathname ?? ''}${query}${hash}`
}
