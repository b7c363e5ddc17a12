'use client'
// What the navigation hooks read: the URL and params of the page being shown. The
// server renders the provider at the root of every page, so hooks agree on the server
// and in the browser.
import { createContext, createElement, useMemo, useSyncExternalStore } from 'react'

export const NavigationContext = createContext(null)

/**
 * In the browser the query comes from the address bar, not from the render: a page
 * served from the cache was rendered without it. Hydration still starts from the
 * server's query, so the HTML matches, then moves to the browser's.
 * @param {{ pathname: string, search: string, params: Record<string, string | string[]>, children?: any }} props
 */
export function NavigationProvider({ pathname, search: serverSearch, params, children }) {
  const search = useSyncExternalStore(subscribeToHistory, browserSearch, () => serverSearch)
  const value = useMemo(() => ({ pathname, search, params }), [pathname, search, params])
  return createElement(NavigationContext.Provider, { value }, children)
}

function subscribeToHistory(onChange) {
  window.addEventListener('popstate', onChange)
  return () => window.removeEventListener('popstate', onChange)
}

function browserSearch() {
  return window.location.search.slice(1)
}

export const LayoutSegmentsContext = createContext(null)

/**
 * Around a layout: the active segments below it, per slot (`children` and each
 * `@slot`), for `useSelectedLayoutSegment(s)` in what the layout renders.
 * @param {{ segments: Record<string, string[]>, children?: any }} props
 */
export function LayoutSegmentsProvider({ segments, children }) {
  return createElement(LayoutSegmentsContext.Provider, { value: segments }, children)
}
