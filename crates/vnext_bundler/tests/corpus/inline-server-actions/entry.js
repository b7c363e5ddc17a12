import { calls } from './server.js' with { layer: 'rsc' }

calls().then((lines) => console.log(lines.join('\n')))
