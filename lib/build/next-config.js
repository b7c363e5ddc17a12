// The app's next.config, loaded as `next build` loads it: the first of
// `next.config.js`, `.mjs`, `.ts` and `.mts` in the app's folder, whose export is the
// config or a function of the build phase that gives it. TypeScript is bundled by
// vnext's own bundler first. Only the options vnext acts on are read and checked.
import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

import { Bundler } from '../../index.js'

const CONFIG_FILES = ['next.config.js', 'next.config.mjs', 'next.config.ts', 'next.config.mts']
const PHASE_PRODUCTION_BUILD = 'phase-production-build'

export class NextConfigError extends Error {}

/**
 * What vnext takes from the app's next.config: `pageExtensions` (undefined for Next's
 * default), `experimental.serverActions` with Next's defaults filled in, and whether
 * `experimental.authInterrupts` allows `forbidden()` and `unauthorized()`.
 * @typedef {{ pageExtensions?: string[], serverActions: import('../server/server-action.js').ActionPolicy, authInterrupts: boolean }} NextConfig
 */

/** Next's default `bodySizeLimit`, as its message names it. */
const DEFAULT_BODY_SIZE_LIMIT = '1 MB'

/**
 * @param {string} root the app's folder
 * @returns {Promise<NextConfig>}
 */
export async function loadNextConfig(root) {
  const file = CONFIG_FILES.find((name) => existsSync(join(root, name)))
  if (!file) return checked('next.config.js', {})
  let config
  try {
    const module = await import(`${pathToFileURL(await runnablePath(root, file)).href}?t=${Date.now()}`)
    config = module.default ?? {}
    if (typeof config === 'function') config = await config(PHASE_PRODUCTION_BUILD, { defaultConfig: {} })
  } catch (error) {
    // A TypeScript config that does not bundle says where.
    const location = error?.diagnostics?.[0]?.location
    const at = location ? `${file}:${location.line}:${location.column}` : file
    throw new NextConfigError(`Failed to load ${at}: ${error?.message ?? error}. Fix the error in ${file} and build again.`)
  }
  return checked(file, config ?? {})
}

/** The file to import: the config itself, or for TypeScript its bundle beside vnext's other generated files. */
async function runnablePath(root, file) {
  if (!file.endsWith('ts')) return join(root, file)
  const outdir = join(root, 'node_modules/.cache/vnext/next-config')
  mkdirSync(outdir, { recursive: true })
  const { files } = await new Bundler({ root, platform: 'node' }).bundle([file], { outdir })
  return join(outdir, files.find((output) => output.entry === file).path)
}

/** The options vnext reads, each refused with the file named when it has the wrong shape. */
function checked(file, config) {
  const invalid = (option, expected) => new NextConfigError(`Invalid ${option} in ${file}: expected ${expected}.`)
  const { pageExtensions } = config
  if (pageExtensions !== undefined && !(Array.isArray(pageExtensions) && pageExtensions.length > 0 && pageExtensions.every((ext) => typeof ext === 'string'))) {
    throw invalid('pageExtensions', 'a non-empty array of extensions such as ["tsx", "ts", "jsx", "js"]')
  }
  const serverActions = config.experimental?.serverActions ?? {}
  const { allowedOrigins, bodySizeLimit } = serverActions
  if (allowedOrigins !== undefined && !(Array.isArray(allowedOrigins) && allowedOrigins.every((origin) => typeof origin === 'string'))) {
    throw invalid('experimental.serverActions.allowedOrigins', 'an array of hosts such as ["my-proxy.com", "*.my-proxy.com"]')
  }
  const limit = bodySizeLimit ?? DEFAULT_BODY_SIZE_LIMIT
  const bytes = parseBytes(limit)
  if (bytes === null) throw invalid('experimental.serverActions.bodySizeLimit', 'a number of bytes or a size such as "2mb"')
  return {
    pageExtensions,
    authInterrupts: config.experimental?.authInterrupts === true,
    serverActions: { allowedOrigins: allowedOrigins ?? [], bodySizeLimit: { bytes, text: String(limit) } },
  }
}

const UNITS = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3, tb: 1024 ** 4, pb: 1024 ** 5 }

/**
 * A size as Next reads `bodySizeLimit`: a number of bytes, or a number and a unit
 * (`500kb`, `2mb`, `1.5 MB`; powers of 1024). Null when it is neither.
 * @param {number | string} value
 * @returns {number | null}
 */
export function parseBytes(value) {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? Math.floor(value) : null
  const match = typeof value === 'string' && /^\s*(\d+(?:\.\d+)?)\s*(b|kb|mb|gb|tb|pb)?\s*$/i.exec(value)
  return match ? Math.floor(Number(match[1]) * UNITS[(match[2] ?? 'b').toLowerCase()]) : null
}
