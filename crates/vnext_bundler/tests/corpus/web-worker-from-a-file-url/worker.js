import { parentPort } from 'node:worker_threads'
import { double, realm } from './shared.js'

parentPort.on('message', async (number) => {
  const { triple } = await import('./lazy.js')
  parentPort.postMessage({ double: double(number), triple: triple(number), realm: realm() })
})
