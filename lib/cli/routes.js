// `vnext routes [dir] [--json]`: compile the routes and print them the way
// `next build` prints its route table.

import { resolve } from 'node:path'

import { compileRoutes, RouteCompileError } from '../../index.js'
import { loadNextConfig, NextConfigError } from '../build/next-config.js'
import { printDiagnostics } from './diagnostics.js'

export const SYMBOLS = { static: '○', ssg: '●', dynamic: 'ƒ' }
export const LEGEND = {
  static: '○  (Static)   prerendered as static content',
  ssg: '●  (SSG)      prerendered as static HTML (uses generateStaticParams)',
  dynamic: 'ƒ  (Dynamic)  server-rendered on demand',
}

/**
 * @param {string[]} positionals
 * @param {{ json?: boolean }} flags
 */
export async function routesCommand(positionals, flags) {
  const projectDir = resolve(positionals[0] ?? '.')
  let manifest
  try {
    const config = await loadNextConfig(projectDir)
    manifest = await compileRoutes(projectDir, { pageExtensions: config.pageExtensions })
  } catch (error) {
    if (error instanceof NextConfigError) process.stderr.write(`Error: ${error.message}\n`)
    else if (error instanceof RouteCompileError) printDiagnostics(error.diagnostics)
    else throw error
    return 1
  }
  printDiagnostics(manifest.warnings)
  if (flags.json) {
    process.stdout.write(`${JSON.stringify(manifest, null, 2)}\n`)
    return 0
  }
  process.stdout.write(formatTable(manifest))
  return 0
}

/** @param {import('../../index.d.ts').RouteManifest} manifest */
export function formatTable(manifest) {
  const used = new Set()
  const sections = []
  for (const [title, kinds] of [
    ['Route (app)', ['page', 'route', 'metadata']],
    ['Route (pages)', ['pagesPage', 'pagesApi']],
  ]) {
    // Next lists routes alphabetically, not in matching order.
    const routes = manifest.routes
      .filter((route) => kinds.includes(route.kind))
      .sort((a, b) => a.path.localeCompare(b.path))
    if (routes.length === 0) continue
    const width = Math.max(...routes.map((r) => r.path.length))
    const lines = routes.map((route, i) => {
      used.add(route.rendering)
      const border = tableBorder(i, routes.length)
      const columns = [route.path.padEnd(width), route.kind.padEnd(9), route.file, describeConfig(route.config)]
      return `${border} ${SYMBOLS[route.rendering]} ${columns.join('  ').trimEnd()}`
    })
    sections.push([title, ...lines].join('\n'))
  }
  if (manifest.middleware) {
    used.add('dynamic')
    sections.push(`ƒ Proxy (Middleware)  ${manifest.middleware.file}`)
  }
  const legend = ['static', 'ssg', 'dynamic'].filter((r) => used.has(r)).map((r) => LEGEND[r])
  return `${sections.join('\n\n')}\n\n${legend.join('\n')}\n`
}

/** The left edge of row `index` of a route table with `count` rows, as Next draws it. */
export function tableBorder(index, count) {
  if (count === 1) return '─'
  return index === 0 ? '┌' : index === count - 1 ? '└' : '├'
}

/** @param {import('../../index.d.ts').SegmentConfig | undefined} config */
function describeConfig(config) {
  if (!config) return ''
  return Object.entries(config)
    .map(([key, value]) => `${key}=${Array.isArray(value) ? value.join(',') : value}`)
    .join(' ')
}
