// `vnext start [dir] [--port N] [--hostname H] [--runtime workerd|node]`: serve the
// last build, in workerd by default.
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'

import { OUTPUT_DIR } from '../build/build-app.js'
import { UsageError } from './usage-error.js'

// Loaded when asked for: Miniflare alone takes a noticeable part of a second to load,
// which every other command would pay.
const RUNTIMES = {
  workerd: async () => (await import('../start/workerd.js')).startWorkerd,
  node: async () => (await import('../start/node.js')).startNode,
}

/**
 * @param {string[]} positionals
 * @param {{ port?: string, hostname?: string, runtime?: string }} flags
 */
export async function startCommand(positionals, flags) {
  const outputDir = join(resolve(positionals[0] ?? '.'), OUTPUT_DIR)
  const runtime = flags.runtime ?? 'workerd'
  if (!RUNTIMES[runtime]) throw new UsageError(`--runtime must be workerd or node, not "${runtime}"`)
  const port = Number(flags.port ?? process.env.PORT ?? 3000)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number, not "${flags.port}"`)
  if (!existsSync(join(outputDir, 'worker/index.js'))) {
    process.stderr.write(`Error: there is no build in ${outputDir}. Run \`vnext build\` first.\n`)
    return 1
  }
  const start = await RUNTIMES[runtime]()
  const server = await start(outputDir, { port, hostname: flags.hostname ?? 'localhost' })
  process.stdout.write(`▲ vnext (${runtime})\n- Local: ${server.url.href.replace(/\/$/, '')}\n✓ Ready\n`)
  const stop = async () => {
    await server.close()
    process.exit(0)
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
  // Serve until stopped.
  return new Promise(() => {})
}
