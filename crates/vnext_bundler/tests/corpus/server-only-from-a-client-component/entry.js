import { Page } from './page.js' with { layer: 'rsc' }
console.log(Page)
