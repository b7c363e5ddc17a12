// Stands in for vnext's closure encryption: sealed values name their action.
export async function encryptBound(actionId, values) {
  return JSON.stringify({ actionId, values })
}

export async function decryptBound(actionId, sealed) {
  const { actionId: sealedFor, values } = JSON.parse(await sealed)
  if (sealedFor !== actionId) throw new Error(`sealed for ${sealedFor}, not ${actionId}`)
  return values
}
