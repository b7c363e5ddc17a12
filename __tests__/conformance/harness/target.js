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
