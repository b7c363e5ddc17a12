import { execFileSync, spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = fileURLToPath(new URL('..', import.meta.url))
export const FIXTURES = `${ROOT}crates/vnext_router/tests/fixtures`
export const CLI = `${ROOT}lib/cli/index.js`

/** Runs the CLI from this checkout and captures everything. */
export function runCli(args, options = {}) {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', ...options })
  return { status: result.status, stdout: result.stdout, stderr: result.stderr }
}

/** Packs this checkout and its platform package into `destination`; returns both tarball paths. */
export function packTarballs(destination) {
  const pack = (dir) =>
    join(destination, JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', destination], { cwd: dir, encoding: 'utf8' }))[0].filename)
  return [pack(ROOT), pack(`${ROOT}npm/linux-x64-gnu`)]
}
