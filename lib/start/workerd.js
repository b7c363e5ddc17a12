// Serves a build in workerd through Miniflare: the Worker's modules, the static assets
// in front of it (as Workers Assets serves them), a local KV namespace persisted under
// `.vnext/state/` and seeded with the build's prerendered pages, and this process's
// environment variables.
import { readFileSync, readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'

import { Miniflare } from 'miniflare'

import { isSeeded, seedPageCache } from '../build/kv-output.js'
import { CACHE_BINDING } from '../server/kv-store.js'
import { UNCOMPRESSED_STREAMS_BINDING } from '../server/local-streaming.js'

/**
 * @param {string} outputDir the `.vnext` folder
 * @param {{ port: number, hostname: string }} address
 * @returns {Promise<{ url: URL, close: () => Promise<void> }>}
 */
export async function startWorkerd(outputDir, { port, hostname }) {
  const kvPersist = join(outputDir, 'state/kv')
  // Seeded before the server listens, so that no request sees a half-seeded cache.
  if (!isSeeded(outputDir, 'kv')) {
    const seeder = new Miniflare({ modules: true, script: 'export default {}', kvNamespaces: [CACHE_BINDING], kvPersist })
    await seedPageCache(outputDir, await seeder.getKVNamespace(CACHE_BINDING), 'kv')
    await seeder.dispose()
  }
  const miniflare = createMiniflare(outputDir, {
    bindings: { ...environmentBindings(), [UNCOMPRESSED_STREAMS_BINDING]: '1' },
    kvPersist,
    host: hostname,
    port,
  })
  const url = await miniflare.ready
  return { url, close: () => miniflare.dispose() }
}

/**
 * This process's environment as text bindings, which workerd also puts in
 * `process.env`: what `next start` and `next build` code reads from its own process.
 */
export function environmentBindings() {
  return Object.fromEntries(Object.entries(process.env).filter(([, value]) => typeof value === 'string'))
}

/**
 * A Miniflare running the built Worker, with its assets and KV namespace.
 * @param {string} outputDir
 * @param {object} options more Miniflare options
 */
export function createMiniflare(outputDir, options) {
  const config = JSON.parse(readFileSync(join(outputDir, 'wrangler.json'), 'utf8'))
  const main = join(outputDir, config.main)
  const workerDir = dirname(main)
  // Every module is listed (the registry imports chunks by computed names), main first.
  const paths = readdirSync(workerDir, { recursive: true })
    .filter((path) => path.endsWith('.js') || path.endsWith('.wasm'))
    .map((path) => join(workerDir, path))
    .sort((a, b) => (b === main) - (a === main))
  const modules = paths.map((path) =>
    path.endsWith('.wasm') ? { type: 'CompiledWasm', path, contents: readFileSync(path) } : { type: 'ESModule', path, contents: readFileSync(path, 'utf8') },
  )
  return new Miniflare({
    modules,
    modulesRoot: workerDir,
    compatibilityDate: config.compatibility_date,
    compatibilityFlags: config.compatibility_flags,
    assets: { directory: join(outputDir, config.assets.directory), routerConfig: { has_user_worker: true } },
    kvNamespaces: [CACHE_BINDING],
    ...options,
  })
}
