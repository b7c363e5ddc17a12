import { serverManifest } from 'vnext:rsc-manifests'

import { encryptBound } from './closure.js'
import { Page } from './page.js'

// Calls the actions where they were written, then through the manifest, as a request
// does: a hoisted action that closes over variables takes them sealed, first.
export async function calls() {
  const { save, remove } = Page('draft')
  const lines = [await save('one'), await remove('two')]
  const viaManifest = Object.entries(serverManifest).map(([actionId, { id, name }]) => [name, actionId, __webpack_require__(id)[name]])
  for (const [name, actionId, action] of viaManifest.sort(([a], [b]) => a.localeCompare(b))) {
    const args = name === '$$vnext_action_0' ? [await encryptBound(actionId, ['manifest']), 'three'] : ['manifest']
    lines.push(`${name}: ${await action(...args)}`)
  }
  return lines
}
