import { serverManifest } from 'vnext:rsc-manifests'

import { Page } from './page.js'

// Calls the actions where they were written, then through the manifest, as a request
// does: a hoisted action takes what it closed over first.
export async function calls() {
  const { save, remove } = Page('draft')
  const lines = [await save('one'), await remove('two')]
  const viaManifest = Object.values(serverManifest).map(({ id, name }) => [name, __webpack_require__(id)[name]])
  for (const [name, action] of viaManifest.sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(`${name}: ${await action('manifest', 'three')}`)
  }
  return lines
}
