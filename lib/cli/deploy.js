// `vnext deploy [dir] [--kv-namespace-id ID] [--dry-run]`: the last build to Cloudflare
// with wrangler: the Worker and its assets first, then the prerendered pages into the
// KV namespace (in that order, so no Worker of the previous build reads the new
// pages and writes its own over them). `--dry-run` prints the plan and runs nothing.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

import { KV_DIR } from '../build/kv-output.js'
import { OUTPUT_DIR } from '../build/build-app.js'
import { CACHE_BINDING } from '../server/kv-store.js'

/**
 * @param {string[]} positionals
 * @param {{ 'kv-namespace-id'?: string, 'dry-run'?: boolean }} flags
 */
export async function deployCommand(positionals, flags) {
  const appDir = resolve(positionals[0] ?? '.')
  const outputDir = join(appDir, OUTPUT_DIR)
  const configPath = join(outputDir, 'wrangler.json')
  if (!existsSync(configPath)) {
    process.stderr.write(`Error: there is no build in ${outputDir}. Run \`vnext build\` first.\n`)
    return 1
  }
  const namespaceId = flags['kv-namespace-id'] ?? process.env.VNEXT_KV_NAMESPACE_ID
  const dryRun = Boolean(flags['dry-run'])
  if (!namespaceId && !dryRun) {
    process.stderr.write(
      `Error: vnext deploy needs the id of the KV namespace that holds the pages.\nCreate one with \`npx wrangler kv namespace create vnext-cache\`, then pass its id as --kv-namespace-id or VNEXT_KV_NAMESPACE_ID.\n`,
    )
    return 1
  }
  const { pages } = JSON.parse(readFileSync(join(outputDir, KV_DIR, 'manifest.json'), 'utf8'))
  const wrangler = wranglerCommand(appDir)
  const id = namespaceId ?? '<namespace id>'
  const steps = [
    [...wrangler, 'deploy', '--config', 'wrangler.json'],
    [...wrangler, 'kv', 'bulk', 'put', `${KV_DIR}/pages.json`, '--namespace-id', id, '--remote'],
  ]
  const bytes = pages.reduce((sum, page) => sum + page.bytes, 0)
  process.stdout.write(`Deploying ${outputDir} (KV binding ${CACHE_BINDING}: ${id}), then ${pages.length} prerendered pages (${bytes} bytes) into KV:\n`)
  for (const step of steps) process.stdout.write(`  ${step.join(' ')}\n`)
  if (dryRun) {
    process.stdout.write('--dry-run: nothing was run.\n')
    return 0
  }
  const config = JSON.parse(readFileSync(configPath, 'utf8'))
  config.kv_namespaces = [{ binding: CACHE_BINDING, id: namespaceId }]
  writeFileSync(configPath, `${JSON.stringify(config, null, 2)}\n`)
  for (const [command, ...args] of steps) {
    const { status } = spawnSync(command, args, { cwd: outputDir, stdio: 'inherit' })
    if (status !== 0) {
      process.stderr.write(`Error: \`${[command, ...args].join(' ')}\` failed (exit ${status}).\n`)
      return 1
    }
  }
  return 0
}

/** The app's own wrangler when it has one, else wrangler 4 through npx. */
function wranglerCommand(appDir) {
  const local = join(appDir, 'node_modules/.bin/wrangler')
  return existsSync(local) ? [local] : ['npx', '--yes', 'wrangler@4']
}
