import { Worker } from 'node:worker_threads'
import { double, realm } from './shared.js'

// The worker's chunk, beside this one; it runs in a realm of its own.
const url = new URL('./worker.js', import.meta.url)
console.log(url.protocol, /\/worker-[0-9a-f]{16}\.js$/.test(url.pathname))
// Not the test runner's `--input-type`, which Node refuses for a file.
const worker = new Worker(url, { execArgv: [] })
worker.on('message', (message) => {
  console.log('the worker answered', JSON.stringify(message))
  worker.terminate()
})
worker.postMessage(21)
console.log('main', double(1), realm())
