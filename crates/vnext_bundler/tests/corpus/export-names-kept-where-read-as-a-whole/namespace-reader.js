import * as namespace from './by-name-and-namespace.js'

export const keysOfNamespace = Object.keys(namespace).join(',')
