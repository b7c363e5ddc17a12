'use client'
// `next/script`, as the App Router has it. `beforeInteractive` leaves its script in the
// server HTML as a queue entry (`self.__next_s`) that the bootstrap runs, in order, before
// hydrating; `afterInteractive` loads after hydration and `lazyOnload` once the page is
// idle. Script URLs are preloaded from the server HTML; a script loads once per URL or id.
import { createElement, useEffect, useRef } from 'react'
import { preload } from 'react-dom'

/** src or id → the promise of that script having loaded. */
const loaded = new Map()

/** Props that are the component's own, not the script's. */
const OWN_PROPS = new Set(['strategy', 'onLoad', 'onReady', 'onError', 'stylesheets'])
/** Script props that are not attributes. */
const CONTENT_PROPS = new Set(['src', 'children', 'dangerouslySetInnerHTML'])

/**
 * Inserts a script element and resolves when it has run.
 * @param {{ src?: string, id?: string, children?: string, dangerouslySetInnerHTML?: { __html: string } } & Record<string, unknown>} props
 */
export function insertScript(props) {
  const key = props.src ?? props.id
  if (key && loaded.has(key)) return loaded.get(key)
  const element = document.createElement('script')
  for (const [name, value] of Object.entries(props)) {
    if (OWN_PROPS.has(name) || CONTENT_PROPS.has(name) || value == null || value === false) continue
    element.setAttribute(name === 'className' ? 'class' : name, value === true ? '' : String(value))
  }
  const done = new Promise((resolve, reject) => {
    if (!props.src) return resolve()
    element.addEventListener('load', () => resolve())
    element.addEventListener('error', (event) => reject(event))
  })
  if (props.src) element.src = props.src
  else element.text = inlineCode(props) ?? ''
  document.body.appendChild(element)
  if (key) loaded.set(key, done)
  return done
}

function inlineCode({ children, dangerouslySetInnerHTML }) {
  if (dangerouslySetInnerHTML) return dangerouslySetInnerHTML.__html
  return Array.isArray(children) ? children.join('') : children
}

function afterPageLoad(run) {
  const idle = () => (self.requestIdleCallback ? requestIdleCallback(run) : setTimeout(run, 1))
  if (document.readyState === 'complete') idle()
  else window.addEventListener('load', idle, { once: true })
}

export default function Script(props) {
  const { src, strategy = 'afterInteractive', onLoad, onReady, onError, nonce, integrity, crossOrigin } = props
  if (src && (strategy === 'beforeInteractive' || strategy === 'afterInteractive')) {
    preload(src, { as: 'script', nonce, integrity, crossOrigin })
  }
  const callbacks = useRef({ onLoad, onReady, onError })
  callbacks.current = { onLoad, onReady, onError }
  useEffect(() => {
    if (strategy === 'beforeInteractive') return
    const run = () =>
      insertScript(props).then(
        () => {
          callbacks.current.onLoad?.()
          callbacks.current.onReady?.()
        },
        (error) => callbacks.current.onError?.(error),
      )
    if (strategy === 'afterInteractive') run()
    else afterPageLoad(run)
    // A script runs once; later renders with other props do not run it again.
  }, [])
  if (strategy !== 'beforeInteractive') return null
  const entry = Object.fromEntries(Object.entries(props).filter(([name]) => !OWN_PROPS.has(name)))
  const code = `(self.__next_s=self.__next_s||[]).push(${JSON.stringify(entry).replace(/</g, '\\u003c')})`
  return createElement('script', { nonce, dangerouslySetInnerHTML: { __html: code } })
}
