// The usual guard around process.env: the member is inlined, the guard stays true.
const mode = typeof process !== 'undefined' && process.env.NODE_ENV === 'production' ? 'prod' : 'other'
console.log(mode)
