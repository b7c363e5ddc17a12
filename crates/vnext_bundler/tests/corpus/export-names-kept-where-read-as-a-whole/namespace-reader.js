import * as namespace from './by-name-and-namespace.js'
import * as hub from './star-hub.js'

export const keysOfNamespace = Object.keys(namespace).join(',')
// star-source.js's names are shortened, and `export *` copies them as written.
export const keysOfHub = Object.keys(hub).sort().join(',')
