import { Buffer } from 'node:buffer'
import { EventEmitter } from 'node:events'
const events = new EventEmitter()
events.on('encoded', (text) => console.log(text))
events.emit('encoded', Buffer.from('vnext').toString('base64'))
