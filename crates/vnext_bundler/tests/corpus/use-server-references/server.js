import * as actions from './actions.js'
import { serverManifest } from 'vnext:rsc-manifests'

// Each export's id, and what the manifest says about it.
export const registered = Object.keys(actions)
  .sort()
  .map((name) => {
    const id = actions[name].$$id
    return id === undefined ? `${name}: not registered` : `${name}: ${JSON.stringify(serverManifest[id].name)}`
  })
export function run(id, args) {
  const { id: moduleId, name } = serverManifest[id]
  return __webpack_require__(moduleId)[name](...args)
}
