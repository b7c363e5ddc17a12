// Server actions, in the rsc layer. A call from the browser is a POST with the action's
// id in `Next-Action` and its arguments encoded by React (`encodeReply`); a form sent
// without JavaScript is a multipart POST whose fields name the action, which React's
// `decodeAction` reads. Either way the action is found through the server manifest.
import { decodeAction, decodeFormState, decodeReply } from 'react-server-dom-webpack/server'
import { serverManifest } from 'vnext:rsc-manifests'

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
 * @returns {Promise<{ returnValue: unknown, formState?: unknown } | null>}
 */
export async function runAction(request) {
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

/** Next's answer to an id no build of this app made: the client was built elsewhere. */
export class ActionNotFoundError extends Error {
  constructor(id) {
    super(`Failed to find Server Action "${id}". This request might be from an older or newer deployment.`)
  }
}
