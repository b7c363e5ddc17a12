// Miniflare compresses a Worker's responses whole (workers-sdk#8004), so a page that
// streams (Suspense content, a navigation's payload) would reach the browser all at
// once under `vnext start`; a deployed Worker's responses stream compressed. Locally,
// responses still rendering when they are sent go uncompressed instead.

/** Set by `vnext start` in workerd. */
export const UNCOMPRESSED_STREAMS_BINDING = 'VNEXT_UNCOMPRESSED_STREAMS'

/** Responses whose body may still be rendering, with when it is done (undefined: unknown). */
const streaming = new WeakMap()

/**
 * @param {Response} response
 * @param {Promise<void>} [allReady] when the body is whole; without it the body is taken to stream
 */
export function markStreaming(response, allReady) {
  streaming.set(response, allReady)
  return response
}

/**
 * Only under `vnext start` does this look at the response, so a deployed Worker pays nothing.
 * @param {Response} rendered what the Worker made
 * @param {Response} response what it sends (the same, or a copy for HEAD)
 * @param {Record<string, unknown> | undefined} env
 */
export async function keepStreamingUncompressed(rendered, response, env) {
  if (!env?.[UNCOMPRESSED_STREAMS_BINDING] || !streaming.has(rendered)) return
  const allReady = streaming.get(rendered)
  if (allReady && (await settlesNow(allReady))) return
  response.headers.set('content-encoding', 'identity')
}

/** Whether `promise` settles before the next task: has React already rendered everything? */
function settlesNow(promise) {
  const settled = promise.then(
    () => true,
    () => true,
  )
  return Promise.race([settled, new Promise((resolve) => setTimeout(resolve, 0, false))])
}
