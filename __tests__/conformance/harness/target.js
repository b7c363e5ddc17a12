import { readFileSync } from 'node:fs'

/** The two servers the suite runs against: real Next.js (the oracle) and vnext. */
export const TARGETS = ['next', 'vnext']

/** The target of this run, from `VNEXT_CONFORMANCE_TARGET` (vnext when unset). */
export function conformanceTarget() {
  const target = process.env.VNEXT_CONFORMANCE_TARGET || 'vnext'
  if (!TARGETS.includes(target)) {
    throw new Error(`VNEXT_CONFORMANCE_TARGET is "${target}"; use one of: ${TARGETS.join(', ')}`)
  }
  return target
}

let knownFailures = null

/**
 * Whether the running test is listed in known-failures.json on a vnext run. Such a test
 * only has to show that it still fails, so its waits are cut short; its assertions
 * are unchanged, and every other test waits as long as it would on Next.js.
 */
export function isKnownFailure() {
  if (conformanceTarget() !== 'vnext') return false
  knownFailures ??= new Set(JSON.parse(readFileSync(new URL('../known-failures.json', import.meta.url), 'utf8')))
  return knownFailures.has(expect.getState().currentTestName)
}

/** How long a known failure's waits last, in milliseconds. */
export const KNOWN_FAILURE_WAIT_MS = 3000
