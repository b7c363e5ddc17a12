// Serves a build in workerd through Miniflare: the Worker's modules, the static assets
// in front of it (as Workers Assets serves them), a local KV namespace persisted under
// `.vnext/state/`, and this process's environment variables.
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'

import { Miniflare } from 'miniflare'

/**
 * @param {string} outputDir the `.vnext` folder
 * @param {{ port: number, hostname: string }} address
 * @returns {Promise<{ url: URL, close: () => Promise<void> }>}
 */
export async function startWorkerd(outputDir, { port, hostname }) {
  const config = JSON.parse(readFileSync(join(outputDir, 'wrangler.json'), 'utf8'))
  const workerDir = join(outputDir, 'worker')
  const modules = readdirSync(workerDir, { recursive: true })
    .filter((path) => path.endsWith('.js'))
    .map((path) => ({ type: 'ESModule', path: join(workerDir, path), contents: readFileSync(join(workerDir, path), 'utf8') }))
  // The main module comes first.
  modules.sort((a, b) => (a.path.endsWith('/index.js') ? -1 : b.path.endsWith('/index.js') ? 1 : 0))
  const miniflare = new Miniflare({
    modules,
    modulesRoot: workerDir,
    compatibilityDate: config.compatibility_date,
    compatibilityFlags: config.compatibility_flags,
    assets: { directory: join(outputDir, config.assets.directory), routerConfig: { has_user_worker: true } },
    // The server's environment reaches the Worker as text bindings, which workerd also
    // puts in `process.env`: what `next start` code reads from its own process.
    bindings: Object.fromEntries(Object.entries(process.env).filter(([, value]) => typeof value === 'string')),
    kvNamespaces: { VNEXT_CACHE: 'vnext-cache' },
    kvPersist: join(outputDir, 'state/kv'),
    host: hostname,
    port,
  })
  const url = await miniflare.ready
  return { url, close: () => miniflare.dispose() }
}
