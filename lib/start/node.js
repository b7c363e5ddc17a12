// Serves a build from Node: the same Worker module behind `node:http`, with the static
// assets answered first, as Workers Assets does, and its KV namespace in files under
// `.vnext/state/`.
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs'
import { createServer } from 'node:http'
import { register } from 'node:module'
import { extname, join, normalize } from 'node:path'
import { Readable, pipeline } from 'node:stream'
import { promisify } from 'node:util'
import zlib, { createBrotliCompress, createGzip } from 'node:zlib'
import { pathToFileURL } from 'node:url'

import { seedPageCache } from '../build/kv-output.js'
import { CACHE_BINDING } from '../server/kv-store.js'
import { FileKv } from './file-kv.js'

const CONTENT_TYPES = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
}

/** Responses worth compressing: text, scripts, styles, JSON, SVG and React's flight payload. */
const COMPRESSIBLE = /^(text\/|application\/(json|javascript|manifest\+json|xml)|image\/svg\+xml)/

/**
 * @param {string} outputDir the `.vnext` folder
 * @param {{ port: number, hostname: string }} address
 * @returns {Promise<{ url: URL, close: () => Promise<void> }>}
 */
export async function startNode(outputDir, { port, hostname }) {
  const worker = await importWorker(outputDir)
  const assetsDir = join(outputDir, 'assets')
  const cache = new FileKv(join(outputDir, 'state/node-kv'))
  await seedPageCache(outputDir, cache, 'node-kv')
  const env = { [CACHE_BINDING]: cache }
  const server = createServer(async (incoming, outgoing) => {
    try {
      const url = new URL(incoming.url, `http://${incoming.headers.host ?? `${hostname}:${port}`}`)
      if (serveAsset(assetsDir, url.pathname, incoming, outgoing)) return
      const pending = []
      const response = await worker.fetch(toRequest(incoming, url), env, { waitUntil: (promise) => pending.push(promise), passThroughOnException() {} })
      await writeResponse(response, incoming, outgoing)
      await Promise.allSettled(pending)
    } catch (error) {
      console.error(error)
      if (!outgoing.headersSent) outgoing.writeHead(500)
      outgoing.end()
    }
  })
  await new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, hostname, resolve)
  })
  const { port: actualPort } = server.address()
  return { url: new URL(`http://${hostname}:${actualPort}/`), close: () => new Promise((resolve) => server.close(resolve)) }
}

let wasmHooksRegistered = false

function registerWasmHooks() {
  if (wasmHooksRegistered) return
  register('./wasm-hooks.js', import.meta.url)
  wasmHooksRegistered = true
}

/**
 * The build's Worker module (its `export default { fetch }`), loaded into this process.
 * @param {string} outputDir
 */
export async function importWorker(outputDir) {
  registerWasmHooks()
  const config = JSON.parse(readFileSync(join(outputDir, 'wrangler.json'), 'utf8'))
  const { default: worker } = await import(pathToFileURL(join(outputDir, config.main)).href)
  return worker
}

/** Answers a GET or HEAD for a file under the assets folder; false when there is none. */
function serveAsset(assetsDir, pathname, incoming, outgoing) {
  if (incoming.method !== 'GET' && incoming.method !== 'HEAD') return false
  let path
  try {
    path = normalize(join(assetsDir, decodeURIComponent(pathname)))
  } catch {
    return false
  }
  if (!path.startsWith(assetsDir) || !existsSync(path) || !statSync(path).isFile()) return false
  const immutable = pathname.startsWith('/_next/static/')
  const contentType = CONTENT_TYPES[extname(path)] ?? 'application/octet-stream'
  const headers = { 'content-type': contentType, 'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'public, max-age=0, must-revalidate' }
  const compressor = compressorFor(incoming, contentType, headers)
  outgoing.writeHead(200, headers)
  if (incoming.method === 'HEAD') outgoing.end()
  else if (compressor) pipeline(createReadStream(path), compressor, outgoing, () => {})
  else createReadStream(path).pipe(outgoing)
  return true
}

/**
 * A gzip or brotli stream for a text response the client accepts compressed (as
 * workerd compresses), noting it in `headers`; null otherwise. It flushes every chunk
 * it is written, so a streamed page still arrives piece by piece.
 */
function compressorFor(incoming, contentType, headers) {
  if (!COMPRESSIBLE.test(contentType) || headers['content-encoding']) return null
  const accepted = String(incoming.headers['accept-encoding'] ?? '')
  headers.vary = headers.vary ? `${headers.vary}, accept-encoding` : 'accept-encoding'
  if (/\bbr\b/.test(accepted)) {
    headers['content-encoding'] = 'br'
    return createBrotliCompress({ flush: zlib.constants.BROTLI_OPERATION_FLUSH })
  }
  if (/\bgzip\b/.test(accepted)) {
    headers['content-encoding'] = 'gzip'
    return createGzip({ flush: zlib.constants.Z_SYNC_FLUSH })
  }
  return null
}

function toRequest(incoming, url) {
  const headers = new Headers()
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (Array.isArray(value)) for (const item of value) headers.append(name, item)
    else if (value !== undefined) headers.set(name, value)
  }
  const hasBody = incoming.method !== 'GET' && incoming.method !== 'HEAD'
  return new Request(url, { method: incoming.method, headers, body: hasBody ? Readable.toWeb(incoming) : undefined, duplex: hasBody ? 'half' : undefined })
}

async function writeResponse(response, incoming, outgoing) {
  const headers = {}
  for (const [name, value] of response.headers) {
    if (name === 'set-cookie') continue
    headers[name] = value
  }
  const cookies = response.headers.getSetCookie()
  if (cookies.length > 0) headers['set-cookie'] = cookies
  const compressor = response.body ? compressorFor(incoming, headers['content-type'] ?? '', headers) : null
  if (compressor) delete headers['content-length']
  outgoing.writeHead(response.status, headers)
  if (!response.body) return outgoing.end()
  if (compressor) return promisify(pipeline)(Readable.fromWeb(response.body), compressor, outgoing)
  for await (const chunk of response.body) outgoing.write(chunk)
  outgoing.end()
}
