import paths from './paths.cjs'
import { EventEmitter } from 'node:events'

export const name = 'tool'
const emitter = new EventEmitter()
emitter.on('ready', () => console.log('tool:', paths.join('x', 'y')))
emitter.emit('ready')
