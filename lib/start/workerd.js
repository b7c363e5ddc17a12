// Serves a build in workerd through Miniflare: the Worker's modules, the static assets
// in front of it (as Workers Assets serves them), a local KV namespace persisted under
// `.vnext/state/`, and this process's environment variables.
import { readFileSync, readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'

import { Miniflare } from 'miniflare'

/**
 * @param {string} outputDir the `.vnext` folder
 * @param {{ port: number, hostname: string }} address
 * @returns {Promise<{ url: URL, close: () => Promise<void> }>}
 */
export async function startWorkerd(outputDir, { port, hostname }) {
  const config = JSON.parse(readFileSync(join(outputDir, 'wrangler.json'), 'utf8'))
  const main = join(outputDir, config.main)
  const workerDir = dirname(main)
  // Every module is listed (the registry imports chunks by computed names), main first.
  const paths = readdirSync(workerDir, { recursive: true })
    .filter((path) => path.endsWith('.js'))
    .map((path) => join(workerDir, path))
    .sort((a, b) => (b === main) - (a === main))
  const modules = paths.map((path) => ({ type: 'ESModule', path, contents: readFileSync(path, 'utf8') }))
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
