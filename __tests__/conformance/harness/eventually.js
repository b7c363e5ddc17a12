import { setTimeout as sleep } from 'node:timers/promises'

import { KNOWN_FAILURE_WAIT_MS, isKnownFailure } from './target.js'

/**
 * Calls `read` until `accept` holds for what it returns, and returns that. After
 * `timeoutMs` it throws, showing the last few results. For behaviour that takes time
 * on a loaded machine (regeneration in the background, revalidation windows).
 * @template T
 * @param {() => Promise<T>} read
 * @param {(value: T) => boolean} accept
 * @param {{ timeoutMs?: number, intervalMs?: number }} [options]
 * @returns {Promise<T>}
 */
export async function eventually(read, accept, { timeoutMs = 20_000, intervalMs = 200 } = {}) {
  if (isKnownFailure()) timeoutMs = Math.min(timeoutMs, KNOWN_FAILURE_WAIT_MS)
  const deadline = Date.now() + timeoutMs
  const seen = []
  while (Date.now() < deadline) {
    const value = await read()
    if (accept(value)) return value
    seen.push(value)
    await sleep(intervalMs)
  }
  throw new Error(`no accepted value within ${timeoutMs} ms; the last ones: ${JSON.stringify(seen.slice(-3))}`)
}
