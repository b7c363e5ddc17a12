// The browser entry of every App Router page: read the flight payload the server
// wrote into the page (`self.__vnext_f`) and hydrate the document from it.
import { createElement, startTransition, use, useEffect } from 'react'
import { hydrateRoot } from 'react-dom/client'
import { createFromReadableStream } from 'react-server-dom-webpack/client'

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

const tree = createFromReadableStream(flight)
function FlightRoot() {
  return use(tree)
}

/** Marks the page hydrated, as Next does for tools that wait on it. */
function AppRoot() {
  useEffect(() => {
    window.__NEXT_HYDRATED = true
    window.__NEXT_HYDRATED_CB?.()
  }, [])
  return createElement(FlightRoot)
}

window.next = { version: process.env.__VNEXT_NEXT_VERSION, appDir: true }
startTransition(() => {
  hydrateRoot(document, createElement(AppRoot))
})
