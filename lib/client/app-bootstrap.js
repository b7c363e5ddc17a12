// The browser entry of every App Router page: read the flight payload the server
// wrote into the page (`self.__vnext_f`) and hydrate the document from it.
import { createElement, startTransition, use, useEffect, useState } from 'react'
import { hydrateRoot } from 'react-dom/client'
import { createFromReadableStream } from 'react-server-dom-webpack/client'

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
    mountRouter(setTree, self.__vnext_root_layout)
    // As Next does, for tools that wait on hydration.
    window.__NEXT_HYDRATED = true
    window.__NEXT_HYDRATED_CB?.()
  }, [])
  return createElement(FlightRoot, { tree })
}

window.next = { version: process.env.__VNEXT_NEXT_VERSION, appDir: true, router: appRouter }
startTransition(() => {
  hydrateRoot(document, createElement(AppRoot))
})
