// `npm pack` of the package and its platform package install into a fresh app
// and work with no Rust toolchain on PATH.
import { execFileSync, spawnSync } from 'node:child_process'
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'

import { FIXTURES, packTarballs } from './helpers.js'

let workDir
afterAll(() => workDir && rmSync(workDir, { recursive: true, force: true }))

test('packed tarballs install and run without a Rust toolchain', () => {
  workDir = mkdtempSync(join(tmpdir(), 'vnext-pack-'))
  const [main, platform] = packTarballs(workDir)

  const app = join(workDir, 'app')
  cpSync(`${FIXTURES}/app-basic`, app, { recursive: true })
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'fresh-app', private: true }))
  // Not `--offline`: `npm ci` caches tarballs but not the registry's metadata, which
  // resolving the package's dependencies on a fresh machine needs.
  execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', main, platform], { cwd: app, stdio: 'pipe' })

  // Node and npm only: no cargo, no rustc.
  const env = { ...process.env, PATH: `${dirname(process.execPath)}:/usr/bin:/bin` }
  delete env.NAPI_RS_NATIVE_LIBRARY_PATH
  const routes = spawnSync('npx', ['vnext', 'routes', '--json'], { cwd: app, env, encoding: 'utf8' })
  expect(routes.stderr).toBe('')
  expect(routes.status).toBe(0)
  expect(JSON.parse(routes.stdout).routes.map((r) => r.path)).toEqual(['/', '/about', '/about/team'])
  expect(spawnSync('which', ['cargo'], { env }).status).not.toBe(0)

  const script = "import('vnext').then(async (v) => console.log((await v.compileRoutes('.')).routes.length))"
  expect(execFileSync(process.execPath, ['-e', script], { cwd: app, env, encoding: 'utf8' }).trim()).toBe('3')
}, 120_000)
