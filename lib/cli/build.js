// `vnext build [dir]`: build the app into `.vnext/` and print its route table with
// each page's first-load JS.
import { relative, resolve } from 'node:path'

import { BundleError, RouteCompileError } from '../../index.js'
import { buildApp } from '../build/build-app.js'
import { printDiagnostics } from './diagnostics.js'
import { LEGEND, SYMBOLS, tableBorder } from './routes.js'

/** @param {string[]} positionals */
export async function buildCommand(positionals) {
  const appDir = resolve(positionals[0] ?? '.')
  const started = performance.now()
  let result
  try {
    result = await buildApp(appDir)
  } catch (error) {
    if (!(error instanceof RouteCompileError || error instanceof BundleError)) throw error
    printDiagnostics(error.diagnostics)
    process.stderr.write('Build failed; the previous build, if any, is unchanged.\n')
    return 1
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(2)
  process.stdout.write(`✓ Built in ${seconds}s into ${relative(process.cwd(), result.outputDir) || '.'}\n\n${formatRouteTable(result.routes)}`)
  return 0
}

/** @param {Array<{ path: string, kind: string, rendering: string, firstLoadBytes: number }>} routes */
function formatRouteTable(routes) {
  const sorted = [...routes].sort((a, b) => a.path.localeCompare(b.path))
  const width = Math.max(5, ...sorted.map((route) => route.path.length))
  const header = `${'Route (app)'.padEnd(width + 4)}  First Load JS`
  const lines = sorted.map((route, i) => {
    const border = tableBorder(i, sorted.length)
    const size = route.kind === 'page' ? formatKilobytes(route.firstLoadBytes) : ''
    return `${border} ${SYMBOLS[route.rendering] ?? 'ƒ'} ${route.path.padEnd(width)}  ${size}`.trimEnd()
  })
  const legend = Object.keys(LEGEND).filter((rendering) => sorted.some((route) => route.rendering === rendering))
  return `${header}\n${lines.join('\n')}\n\n${legend.map((rendering) => LEGEND[rendering]).join('\n')}\n`
}

function formatKilobytes(bytes) {
  return `${(bytes / 1000).toFixed(1)} kB`
}
