import { collect } from './stream.js'
collect().then((items) => console.log(items.join(',')))
