// The browser entry of every App Router page: read the flight payload the server
// wrote into the page (`self.__vnext_f`) and hydrate the document from it.
import { createElement, startTransition, use, useEffect, useState } from 'react'
import { hydrateRoot } from 'react-dom/client'
import { createFromReadableStream } from 'react-server-dom-webpack/client'

import { BAILOUT_TO_CLIENT_DIGEST } from '../shims/next/dynamic.js'
import { insertScript } from '../shims/next/script.js'
import { appRouter, callServer, mountRouter } from './router.js'

const encoder = new TextEncoder()
const written = (self.__vnext_f = self.__vnext_f || [])
const flight = new ReadableStream({
  start(controller) {
    for (const chunk of written) controller.enqueue(encoder.encode(chunk))
    // Chunks still streaming in arrive after this script has run.
    written.push = (chunk) => {
      controller.enqueue(encoder.encode(chunk))
      return 0
    }
    if (document.readyState === 'loading') {
      document.addEventListener('DOMContentLoaded', () => controller.close())
    } else {
      controller.close()
    }
  },
})

// Actions imported by client modules call it directly; React passes it to those that
// arrive in the payload.
globalThis.__vnext_callServer = callServer
const initialTree = createFromReadableStream(flight, { callServer })
function FlightRoot({ tree }) {
  return use(tree)
}

/** Shows the tree of the current page; the router gives it the next one. */
function AppRoot() {
  const [tree, setTree] = useState(initialTree)
  useEffect(() => {
    mountRouter(setTree, initialTree, self.__vnext_root_layout, self.__vnext_slots ?? {})
    // As Next does, for tools that wait on hydration.
    window.__NEXT_HYDRATED = true
    window.__NEXT_HYDRATED_CB?.()
  }, [])
  return createElement(FlightRoot, { tree })
}

/** React's default, except for `next/dynamic`'s `ssr: false`, which is a planned client render. */
function onRecoverableError(error) {
  if (error?.digest === BAILOUT_TO_CLIENT_DIGEST) return
  if (typeof reportError === 'function') reportError(error)
  else console.error(error)
}

window.next = { version: process.env.__VNEXT_NEXT_VERSION, appDir: true, router: appRouter }
/** `next/script`'s beforeInteractive scripts, one after another, before hydration. */
async function runQueuedScripts() {
  for (const props of self.__next_s ?? []) await insertScript(props).catch((error) => console.error(error))
}

runQueuedScripts().then(() =>
  startTransition(() => {
    hydrateRoot(document, createElement(AppRoot), { onRecoverableError, formState: self.__vnext_form_state })
  }),
)
