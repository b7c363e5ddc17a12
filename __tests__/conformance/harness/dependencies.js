// Installs each target's packages once into a cache folder; every fixture copy gets a
// hard-linked `node_modules` from it (Turbopack refuses a symlinked one).
import { createHash } from 'node:crypto'
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { homedir, tmpdir } from 'node:os'
import { join } from 'node:path'

import { ROOT, packTarballs } from '../../helpers.js'

// Tailwind CSS and PostCSS, as create-next-app sets them up, for the css fixtures.
const APP_PACKAGES = ['next', 'react', 'react-dom', 'tailwindcss', '@tailwindcss/postcss']

/**
 * Returns a folder whose `node_modules` holds what a fixture app needs on `target`:
 * the pinned Next.js and React for `next`; those plus vnext, installed from the
 * tarballs `npm pack` makes of this checkout, for `vnext` (as the README installs it).
 * @param {'next' | 'vnext'} target
 */
export function prepareDependencies(target) {
  const { devDependencies } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'))
  const dependencies = Object.fromEntries(APP_PACKAGES.map((name) => [name, devDependencies[name]]))
  const hash = createHash('sha256').update(JSON.stringify(dependencies))

  let packDir
  if (target === 'vnext') {
    packDir = mkdtempSync(join(tmpdir(), 'vnext-conformance-pack-'))
    const [main, platform] = packTarballs(packDir)
    for (const tarball of [main, platform]) hash.update(readFileSync(tarball))
    dependencies.vnext = `file:${main}`
    dependencies['vnext-linux-x64-gnu'] = `file:${platform}`
  }

  const cacheRoot = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'vnext', 'conformance')
  const dir = join(cacheRoot, `${target}-${hash.digest('hex').slice(0, 16)}`)
  if (!existsSync(join(dir, 'node_modules'))) {
    mkdirSync(cacheRoot, { recursive: true })
    const staging = mkdtempSync(`${dir}.staging-`)
    writeFileSync(join(staging, 'package.json'), JSON.stringify({ private: true, dependencies }, null, 2))
    execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund'], { cwd: staging, stdio: 'pipe' })
    rmSync(dir, { recursive: true, force: true })
    renameSync(staging, dir)
  }
  if (packDir) rmSync(packDir, { recursive: true, force: true })
  return dir
}
