export function loadInner() {
  return import('./inner.cjs').then((inner) => `inner says ${inner.default.word}`)
}
