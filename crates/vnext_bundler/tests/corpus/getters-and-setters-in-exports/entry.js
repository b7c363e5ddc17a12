import { store, bump } from './store.js'
store.value = 3
bump()
console.log(store.value)
