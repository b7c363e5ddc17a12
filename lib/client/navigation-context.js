'use client'
// What the navigation hooks read: the URL and params of the page being shown. The
// server renders the provider at the root of every page, so hooks agree on the server
// and in the browser.
import { createContext, createElement } from 'react'

export const NavigationContext = createContext(null)

/** @param {{ pathname: string, search: string, params: Record<string, string | string[]>, children?: any }} props */
export function NavigationProvider({ pathname, search, params, children }) {
  return createElement(NavigationContext.Provider, { value: { pathname, search, params } }, children)
}
