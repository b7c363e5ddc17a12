// Miniflare compresses a Worker's responses whole (workers-sdk#8004), so a page that
// streams (Suspense content, a navigation's payload) would reach the browser all at
// once under `vnext start`; a deployed Worker's responses stream compressed. Locally,
// responses still rendering when they are sent go uncompressed instead.

/** Set by `vnext start` in workerd. */
export const UNCOMPRESSED_STREAMS_BINDING = 'VNEXT_UNCOMPRESSED_STREAMS'

/** Responses whose body is still being rendered when they are sent. */
const streaming = new WeakSet()

/** @param {Response} response */
export function markStreaming(response) {
  streaming.add(response)
  return response
}

/**
 * @param {Response} rendered what the Worker made
 * @param {Response} response what it sends (the same, or a copy for HEAD)
 * @param {Record<string, unknown> | undefined} env
 */
export function keepStreamingUncompressed(rendered, response, env) {
  if (env?.[UNCOMPRESSED_STREAMS_BINDING] && streaming.has(rendered)) response.headers.set('content-encoding', 'identity')
}
