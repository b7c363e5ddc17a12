// `vnext build [dir]`: build the app into `.vnext/` and print its route table as
// `next build` does, with the JavaScript every page loads first.
import { relative, resolve } from 'node:path'

import { BundleError, RouteCompileError } from '../../index.js'
import { buildApp } from '../build/build-app.js'
import { NextConfigError } from '../build/next-config.js'
import { PrerenderError } from '../build/prerender.js'
import { ONE_YEAR } from '../server/page-cache.js'
import { printDiagnostics } from './diagnostics.js'
import { LEGEND, SYMBOLS, tableBorder } from './routes.js'

/** Paths of one route listed under it; more are counted, as Next does. */
const LISTED_PATHS = 3

/** @param {string[]} positionals */
export async function buildCommand(positionals) {
  const appDir = resolve(positionals[0] ?? '.')
  const started = performance.now()
  let result
  try {
    result = await buildApp(appDir)
  } catch (error) {
    if (error instanceof PrerenderError || error instanceof NextConfigError) process.stderr.write(`Error: ${error.message}\n`)
    else if (error instanceof RouteCompileError || error instanceof BundleError) printDiagnostics(error.diagnostics)
    else throw error
    process.stderr.write('Build failed; the previous build, if any, is unchanged.\n')
    return 1
  }
  for (const warning of result.warnings) process.stderr.write(`Warning: ${warning}\n`)
  const seconds = ((performance.now() - started) / 1000).toFixed(2)
  process.stdout.write(`✓ Built in ${seconds}s into ${relative(process.cwd(), result.outputDir) || '.'}\n\n${formatRouteTable(result.routes)}`)
  const pageBytes = result.routes.filter((route) => route.kind === 'page').map((route) => route.firstLoadBytes)
  const range = pageBytes.length > 0 ? `, ${formatKilobytes(Math.min(...pageBytes))} to ${formatKilobytes(Math.max(...pageBytes))} per page (manifest.json lists each)` : ''
  process.stdout.write(`\nFirst Load JS (gzip): ${formatKilobytes(result.firstLoadBytes)} shared by all pages${range}\n`)
  return 0
}

/**
 * Next 16's table: each route with ○ / ƒ (a route of generated paths lists them as ●
 * beneath it), and a route's revalidate and expire times when it revalidates.
 * @param {import('../build/build-app.js').BuiltRoute[]} routes
 */
function formatRouteTable(routes) {
  const sorted = [...routes].sort((a, b) => a.path.localeCompare(b.path))
  const rows = []
  sorted.forEach((route, i) => {
    const border = tableBorder(i, sorted.length)
    const symbol = route.rendering === 'ssg' ? ' ' : (SYMBOLS[route.rendering] ?? SYMBOLS.dynamic)
    rows.push({ label: `${border} ${symbol} ${route.path}`, revalidate: route.revalidate })
    const indent = i === sorted.length - 1 ? ' ' : '│'
    const listed = route.paths.length > LISTED_PATHS + 1 ? route.paths.slice(0, LISTED_PATHS) : route.paths
    const more = route.paths.length - listed.length
    listed.forEach((path, j) => {
      const last = j === listed.length - 1 && more === 0
      rows.push({ label: `${indent} ${last ? '└' : '├'} ${SYMBOLS.ssg} ${path}`, revalidate: route.revalidate })
    })
    if (more > 0) rows.push({ label: `${indent} └ [+${more} more paths]`, revalidate: false })
  })
  const timed = rows.some((row) => row.revalidate !== false)
  const width = Math.max('Route (app)'.length, ...rows.map((row) => row.label.length + 2))
  const header = timed ? `${'Route (app)'.padEnd(width)}Revalidate  Expire` : 'Route (app)'
  const lines = rows.map(({ label, revalidate }) =>
    revalidate === false ? label : `${label.padEnd(width)}${formatSeconds(revalidate).padStart('Revalidate'.length)}  ${formatSeconds(ONE_YEAR).padStart('Expire'.length)}`,
  )
  const legend = Object.keys(LEGEND).filter((rendering) => sorted.some((route) => route.rendering === rendering))
  return `${header}\n${lines.join('\n')}\n\n${legend.map((rendering) => LEGEND[rendering]).join('\n')}\n`
}

/** `3s`, `5m`, `2h`, `1d`, `1w`, `1y`: the largest unit that divides evenly, as Next prints times. */
function formatSeconds(seconds) {
  const units = [
    ['y', ONE_YEAR],
    ['w', 604800],
    ['d', 86400],
    ['h', 3600],
    ['m', 60],
  ]
  for (const [unit, size] of units) if (seconds >= size && seconds % size === 0) return `${seconds / size}${unit}`
  return `${seconds}s`
}

function formatKilobytes(bytes) {
  return `${(bytes / 1000).toFixed(1)} kB`
}
