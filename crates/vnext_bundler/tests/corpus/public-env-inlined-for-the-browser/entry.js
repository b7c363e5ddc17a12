console.log(process.env.NEXT_PUBLIC_API)
console.log(process.env.NODE_ENV === 'production' ? 'production build' : 'dev build')
if (process.env.NODE_ENV !== 'production') {
  require('./never-bundled.js')
}
