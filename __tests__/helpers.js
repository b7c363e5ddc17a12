import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

export const ROOT = fileURLToPath(new URL('..', import.meta.url))
export const FIXTURES = `${ROOT}crates/vnext_router/tests/fixtures`
export const CLI = `${ROOT}lib/cli/index.js`

/** Runs the CLI from this checkout and captures everything. */
export function runCli(args, options = {}) {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', ...options })
  return { status: result.status, stdout: result.stdout, stderr: result.stderr }
}
