// Two import() targets both need format.js: it goes in a chunk of its own, once.
Promise.all([import('./en.js'), import('./fr.js')]).then(([en, fr]) => {
  console.log(en.greet('Ada'))
  console.log(fr.greet('Ada'))
  console.log('one format module:', en.format === fr.format)
})
