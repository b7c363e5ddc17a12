// The ssr layer's half of a page render: React's flight payload in, an HTML stream out.
// Client components run here through the server consumer manifest; the payload itself
// is written into the page, chunk by chunk, so the browser hydrates from it without
// asking again.
import { createElement, use } from 'react'
import { renderToReadableStream } from 'react-dom/server.edge'
import { createFromReadableStream } from 'react-server-dom-webpack/client'
import { serverConsumerManifest } from 'vnext:rsc-manifests'

import { isHTTPAccessFallbackError } from '../shims/next/navigation-errors.js'

/**
 * Resolves once the shell is ready; rejects with the shell's error (the caller then
 * renders an error or not-found page instead, with its status).
 * @param {ReadableStream<Uint8Array>} flight
 * @param {{ bootstrapModules: string[], rootLayout: string, formState?: unknown, slotSources?: object }} options the
 *   browser entry, the page's root layout (the client router compares it with the next
 *   page's), the `useActionState` state of a form posted without JavaScript, and where
 *   each slot's content comes from (soft-navigation.js)
 * @returns {Promise<{ body: ReadableStream<Uint8Array>, allReady: Promise<void> }>} the
 *   document, and when React has rendered all of it (Suspense content streams later)
 */
export async function renderHtml(flight, { bootstrapModules, rootLayout, formState = null, slotSources = {} }) {
  const [forRender, forPage] = flight.tee()
  const tree = createFromReadableStream(forRender, { serverConsumerManifest })
  function FlightRoot() {
    return use(tree)
  }
  // `notFound()` below a Suspense boundary comes after the 200 went out: as Next does,
  // the page still tells crawlers not to index it.
  const state = { noindex: false }
  const onError = (error) => {
    if (isHTTPAccessFallbackError(error)) state.noindex = true
    return error?.digest
  }
  let html
  try {
    html = await renderToReadableStream(createElement(FlightRoot), {
      bootstrapModules,
      bootstrapScriptContent: `self.__vnext_root_layout=${scriptSafeJson(rootLayout)};self.__vnext_form_state=${scriptSafeJson(formState)};self.__vnext_slots=${scriptSafeJson(slotSources)}`,
      formState,
      onError,
    })
  } catch (error) {
    forPage.cancel()
    throw error
  }
  return { body: html.pipeThrough(inlineFlight(forPage, state)), allReady: html.allReady }
}

/**
 * Passes the HTML through and, after each piece of it, the flight chunks that arrived
 * meanwhile as `self.__vnext_f.push(…)` scripts (and the noindex tag, when due).
 * React flushes whole tags, so a script never lands inside one.
 * @param {ReadableStream<Uint8Array>} flight
 */
function inlineFlight(flight, state) {
  const encoder = new TextEncoder()
  const reader = flight.pipeThrough(new TextDecoderStream()).getReader()
  let pending = ''
  const drained = (async () => {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) return
      pending += value
    }
  })()
  let noindexWritten = false
  const takeScript = () => {
    let html = ''
    if (state.noindex && !noindexWritten) {
      html += '<meta name="robots" content="noindex"/>'
      noindexWritten = true
    }
    if (pending !== '') html += `<script>(self.__vnext_f=self.__vnext_f||[]).push(${scriptSafeJson(pending)})</script>`
    pending = ''
    return html === '' ? null : encoder.encode(html)
  }
  return new TransformStream({
    transform(chunk, controller) {
      controller.enqueue(chunk)
      const script = takeScript()
      if (script) controller.enqueue(script)
    },
    async flush(controller) {
      await drained
      const script = takeScript()
      if (script) controller.enqueue(script)
    },
  })
}

/** JSON that cannot close the script element it sits in. */
function scriptSafeJson(text) {
  return JSON.stringify(text).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029')
}
