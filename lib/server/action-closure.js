// The variables an inline server action closes over go to the browser with its
// reference and come back with each call. As in Next, they travel encrypted: AES-GCM
// under the build's key, with the action id as additional data, so a closure can be
// neither read nor moved to another action. Values are serialized the way a call's
// arguments are (React's reply format).
import { encodeReply } from 'react-server-dom-webpack/client.edge'
import { decodeReply } from 'react-server-dom-webpack/server'

const encoder = new TextEncoder()
let keyPromise

/**
 * The build's key: `NEXT_SERVER_ACTIONS_ENCRYPTION_KEY` (base64, 16, 24 or 32 bytes) if the
 * app set it at build time, as Next reads it, or one made for the build.
 */
function key() {
  keyPromise ??= crypto.subtle.importKey('raw', fromBase64(process.env.__VNEXT_ACTIONS_KEY), 'AES-GCM', false, ['encrypt', 'decrypt'])
  return keyPromise
}

/**
 * @param {string} actionId
 * @param {unknown[]} values the closure, in the order the hoisted action declares it
 * @returns {Promise<string>} base64 of the IV and the ciphertext
 */
export async function encryptBound(actionId, values) {
  const serialized = await encodeReply(values)
  if (typeof serialized !== 'string') {
    throw new Error(`A server action (${actionId}) closes over a value that cannot be sent to the browser (a file, a blob or a stream); pass it as an argument instead.`)
  }
  const iv = crypto.getRandomValues(new Uint8Array(12))
  const sealed = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: encoder.encode(actionId) }, await key(), encoder.encode(serialized))
  const bytes = new Uint8Array(iv.length + sealed.byteLength)
  bytes.set(iv)
  bytes.set(new Uint8Array(sealed), iv.length)
  return toBase64(bytes)
}

/**
 * @param {string} actionId
 * @param {string | Promise<string>} encrypted what `encryptBound` gave for this action
 * @returns {Promise<unknown[]>}
 */
export async function decryptBound(actionId, encrypted) {
  const bytes = fromBase64(await encrypted)
  let plain
  try {
    plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: bytes.subarray(0, 12), additionalData: encoder.encode(actionId) }, await key(), bytes.subarray(12))
  } catch {
    throw new Error(`The bound values of server action ${actionId} could not be decrypted: they were changed, or come from another build.`)
  }
  return decodeReply(new TextDecoder().decode(plain), {})
}

function toBase64(bytes) {
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary)
}

function fromBase64(text) {
  return Uint8Array.from(atob(text), (char) => char.charCodeAt(0))
}
