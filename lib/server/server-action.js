// Server actions, in the rsc layer. A call from the browser is a POST with the action's
// id in `Next-Action` and its arguments encoded by React (`encodeReply`); a form sent
// without JavaScript is a multipart POST whose fields name the action, which React's
// `decodeAction` reads. Either way the action is found through the server manifest.
import { decodeAction, decodeFormState, decodeReply } from 'react-server-dom-webpack/server'
import { serverManifest } from 'vnext:rsc-manifests'

/**
 * next.config's `experimental.serverActions`, as the build read it (see
 * lib/build/next-config.js): hosts besides the request's own that may post actions,
 * and the body size limit, in bytes and as written.
 * @typedef {{ allowedOrigins: string[], bodySizeLimit: { bytes: number, text: string } }} ActionPolicy
 */

/** A POST that calls an action: from the browser's router, or a form without JavaScript. */
export function isActionRequest(request) {
  if (request.method !== 'POST') return false
  return request.headers.has('next-action') || (request.headers.get('content-type') ?? '').startsWith('multipart/form-data')
}

/**
 * Runs the action the request names. Resolves to what a browser call gets back, or
 * `null` for a form whose fields name no action (the page then renders as for a GET).
 * A form posted without JavaScript also gets `formState`: what `useActionState` shows
 * in the page rendered as the answer (null when the form is not one of its).
 * @param {Request} request
 * @param {ActionPolicy} policy
 * @returns {Promise<{ returnValue: unknown, formState?: unknown } | null>}
 */
export async function runAction(request, policy) {
  request = await readWithinLimit(request, policy.bodySizeLimit)
  refuseForeignOrigin(request, policy.allowedOrigins)
  const id = request.headers.get('next-action')
  if (id === null) {
    const formData = await request.formData()
    const action = await decodeAction(formData, serverManifest)
    if (typeof action !== 'function') return null
    const returnValue = await action()
    return { returnValue, formState: await decodeFormState(returnValue, formData, serverManifest) }
  }
  const reference = serverManifest[id]
  if (!reference) throw new ActionNotFoundError(id)
  const contentType = request.headers.get('content-type') ?? ''
  const body = contentType.startsWith('multipart/form-data') ? await request.formData() : await request.text()
  const args = await decodeReply(body, serverManifest)
  const action = __webpack_require__(reference.id)[reference.name]
  return { returnValue: await action.apply(null, args) }
}

/** An action id's length: a byte describing the function, then a SHA-1, as in Next. */
const ACTION_ID_LENGTH = 42

/**
 * An id this build did not make. As Next 16 answers: 409 when it looks like an action
 * id (a client from an older or newer deployment), 400 when it cannot be one.
 */
export class ActionNotFoundError extends Error {
  constructor(id) {
    super(`Failed to find Server Action "${id}". This request might be from an older or newer deployment.`)
    this.status = id.length === ACTION_ID_LENGTH ? 409 : 400
  }

  /** A plain-text answer whose header the client router recognises. */
  toResponse() {
    const body = this.status === 409 ? 'Server Action unavailable.' : 'Invalid Server Action request.'
    return new Response(body, { status: this.status, headers: { 'content-type': 'text/plain', 'x-nextjs-action-not-found': '1' } })
  }
}

/**
 * Next's guard against cross-site requests: a POST that carries an `Origin` runs only
 * when that origin's host is the host it was sent to (`x-forwarded-host`, else `host`)
 * or one `allowedOrigins` names. Without an `Origin` (older browsers) it runs, as in Next.
 */
function refuseForeignOrigin(request, allowedOrigins) {
  const origin = request.headers.get('origin')
  if (origin === null) return
  const forwarded = request.headers.get('x-forwarded-host')?.split(',')[0].trim()
  const host = forwarded || request.headers.get('host')
  let originHost = origin
  try {
    originHost = new URL(origin).host
  } catch {
    // An opaque origin ("null") matches no host.
  }
  if ((host && originHost === host) || allowedOrigins.some((pattern) => matchesHost(originHost, pattern))) return
  const reason = host
    ? `\`${forwarded ? 'x-forwarded-host' : 'host'}\` header with value \`${host}\` does not match \`origin\` header with value \`${originHost}\` from a forwarded Server Actions request. Aborting the action.`
    : '`x-forwarded-host` or `host` headers are not provided. One of these is needed to compare the `origin` header from a forwarded Server Actions request. Aborting the action.'
  throw new Error(`Invalid Server Actions request. ${reason}`)
}

/**
 * Whether `host` is `pattern` or matches it as Next matches `allowedOrigins`, case
 * aside: `*` stands for one label, a leading `**` for one or more, and a wildcard
 * never stands for the whole domain (`*.com` matches no host of its own).
 */
function matchesHost(host, pattern) {
  const hostLabels = host.toLowerCase().split('.')
  const patternLabels = pattern.toLowerCase().split('.')
  if (patternLabels.length === 1 && (patternLabels[0] === '*' || patternLabels[0] === '**')) return false
  if (patternLabels.some((label, i) => label === '' || (label === '**' && i > 0))) return false
  if (patternLabels[0] === '**') {
    const rest = patternLabels.slice(1)
    return hostLabels.length > rest.length && rest.every((label, i) => matchesLabel(hostLabels[hostLabels.length - rest.length + i], label))
  }
  return hostLabels.length === patternLabels.length && patternLabels.every((label, i) => matchesLabel(hostLabels[i], label))
}

function matchesLabel(label, pattern) {
  return pattern === '*' ? label !== '' : label === pattern
}

/** The request with its body read, refused past the body size limit (the action then does not run). */
async function readWithinLimit(request, limit) {
  const chunks = []
  let size = 0
  const reader = request.body?.getReader()
  // Read to the end even past the limit: a client still sending would otherwise see
  // its connection reset instead of the answer.
  for (let read = await reader?.read(); read && !read.done; read = await reader.read()) {
    size += read.value.byteLength
    if (size <= limit.bytes) chunks.push(read.value)
  }
  if (size > limit.bytes) {
    throw new Error(
      `Body exceeded ${limit.text} limit.\nTo configure the body size limit for Server Actions, see: https://nextjs.org/docs/app/api-reference/next-config-js/serverActions#bodysizelimit`,
    )
  }
  return new Request(request.url, { method: request.method, headers: request.headers, body: await new Blob(chunks).arrayBuffer() })
}
