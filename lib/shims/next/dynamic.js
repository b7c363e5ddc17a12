// `next/dynamic`, as the App Router has it: `React.lazy` behind an optional Suspense
// boundary whose fallback is the `loading` component. With `ssr: false` the server
// throws a bail-out below that boundary, so React sends the fallback and the browser
// renders the component itself after hydration.
import { Fragment, Suspense, createElement, lazy } from 'react'

export const BAILOUT_TO_CLIENT_DIGEST = 'BAILOUT_TO_CLIENT_SIDE_RENDERING'

class BailoutToClientError extends Error {
  digest = BAILOUT_TO_CLIENT_DIGEST
}

/** A module namespace or a component: `import('./x')` and `import('./x').then(m => m.X)` both work. */
function componentOf(loaded) {
  return loaded && typeof loaded === 'object' && 'default' in loaded ? loaded.default : loaded
}

function BrowserOnly({ children }) {
  if (typeof window === 'undefined') throw new BailoutToClientError('next/dynamic with ssr: false renders in the browser')
  return children
}

/**
 * @param {(() => Promise<any>) | Promise<any>} loader
 * @param {{ ssr?: boolean, loading?: (props: { isLoading: boolean, pastDelay: boolean, error: null }) => any }} [options]
 */
export default function dynamic(loader, options = {}) {
  const load = typeof loader === 'function' ? loader : () => loader
  const ssr = options.ssr !== false
  const Loading = options.loading
  const Lazy = lazy(async () => ({ default: componentOf(await load()) }))
  // Without `loading`, a server-rendered component suspends to the nearest boundary, as in Next.
  const ownBoundary = !ssr || Boolean(Loading)
  function DynamicComponent(props) {
    const component = createElement(Lazy, props)
    const content = ssr ? component : createElement(BrowserOnly, null, component)
    if (!ownBoundary) return createElement(Fragment, null, content)
    const fallback = Loading ? createElement(Loading, { isLoading: true, pastDelay: true, error: null }) : null
    return createElement(Suspense, { fallback }, content)
  }
  DynamicComponent.displayName = 'DynamicComponent'
  return DynamicComponent
}
