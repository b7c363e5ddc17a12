#!/usr/bin/env node
// The `vnext` command: reads the command line and hands off to one command module.

import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'

import { buildCommand } from './build.js'
import { bundleCommand } from './bundle.js'
import { deployCommand } from './deploy.js'
import { routesCommand } from './routes.js'
import { startCommand } from './start.js'
import { UsageError } from './usage-error.js'

const USAGE = `Usage: vnext <command> [options]

Commands:
  build [dir]       Build the app into .vnext/: a Worker, static assets,
                    wrangler.json and manifest.json
  start [dir]       Serve the last build
                      -p, --port N                      (default 3000)
                      -H, --hostname H                  (default localhost)
                      --runtime workerd|node            (default workerd)
  deploy [dir]      Deploy the last build with wrangler: the Worker, then its
                    prerendered pages into KV
                      --kv-namespace-id ID              the pages' namespace
                                                        (or VNEXT_KV_NAMESPACE_ID)
                      --dry-run                         print the plan, run nothing
  routes [dir]      Print the app's compiled route table
                      --json   print the whole route manifest as JSON
  bundle <entry…>   Bundle entry modules, one ES module each
                      --outdir D                        where to write (required)
                      --platform browser|node|worker    package conditions and
                                                        externals (default browser)
                      --format esm                      the only format
                      --minify                          compress and mangle
                      --splitting                       shared code and import()
                                                        targets in hashed chunks
                      --sourcemap                       a .map beside each file
                      --public-path P                   the URL outdir is served at
                                                        (default /), for assets

Options:
  -h, --help        Show this help
  -v, --version     Show vnext's version
`

/** Each command: its options (for `parseArgs`) and what it runs. */
const COMMANDS = {
  build: { options: {}, run: buildCommand },
  start: {
    options: { port: { type: 'string', short: 'p' }, hostname: { type: 'string', short: 'H' }, runtime: { type: 'string' } },
    run: startCommand,
  },
  deploy: { options: { 'kv-namespace-id': { type: 'string' }, 'dry-run': { type: 'boolean' } }, run: deployCommand },
  routes: { options: { json: { type: 'boolean' } }, run: routesCommand },
  bundle: {
    options: {
      outdir: { type: 'string' },
      platform: { type: 'string' },
      format: { type: 'string' },
      minify: { type: 'boolean' },
      splitting: { type: 'boolean' },
      sourcemap: { type: 'boolean' },
      'public-path': { type: 'string' },
    },
    run: bundleCommand,
  },
}

async function main(argv) {
  const [command, ...rest] = argv
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
    process.stdout.write(USAGE)
    return 0
  }
  if (command === '-v' || command === '--version') {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'))
    process.stdout.write(`${pkg.version}\n`)
    return 0
  }
  const spec = COMMANDS[command]
  if (!spec) throw new UsageError(`unknown command '${command}'`)
  let parsed
  try {
    parsed = parseArgs({
      args: rest,
      options: { ...spec.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    })
  } catch (error) {
    throw new UsageError(error.message)
  }
  if (parsed.values.help) {
    process.stdout.write(USAGE)
    return 0
  }
  return spec.run(parsed.positionals, parsed.values)
}

try {
  process.exitCode = await main(process.argv.slice(2))
} catch (error) {
  if (!(error instanceof UsageError)) throw error
  process.stderr.write(`vnext: ${error.message}\nRun \`vnext --help\` for usage.\n`)
  process.exitCode = 2
}
