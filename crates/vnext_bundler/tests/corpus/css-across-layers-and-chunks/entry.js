// The page's stylesheet comes with the entry; the lazy part's with its chunk.
import './page.css'

console.log('page loaded')
import('./lazy.js').then((lazy) => console.log(lazy.className))
