// `vnext bundle <entry…> --outdir D [--platform browser|node|worker] [--format esm] [--minify]
// [--splitting] [--sourcemap] [--public-path P]`:
// the bundler on its own, in the spirit of esbuild's CLI.

import { Bundler, BundleError } from '../../index.js'
import { printDiagnostics } from './diagnostics.js'
import { UsageError } from './usage-error.js'

const PLATFORMS = ['browser', 'node', 'worker']

/**
 * @param {string[]} entries
 * @param {{ outdir?: string, platform?: string, format?: string, minify?: boolean, splitting?: boolean, sourcemap?: boolean, 'public-path'?: string }} flags
 */
export async function bundleCommand(entries, flags) {
  if (entries.length === 0) throw new UsageError('bundle needs at least one entry file')
  if (!flags.outdir) throw new UsageError('bundle needs --outdir')
  const platform = flags.platform ?? 'browser'
  if (!PLATFORMS.includes(platform)) throw new UsageError(`--platform must be one of ${PLATFORMS.join(', ')}`)
  if (flags.format && flags.format !== 'esm') throw new UsageError('--format: only esm is supported')

  const started = performance.now()
  let result
  try {
    result = await new Bundler({
      platform,
      minify: flags.minify,
      splitting: flags.splitting,
      sourcemap: flags.sourcemap,
      publicPath: flags['public-path'],
    }).bundle(entries, { outdir: flags.outdir })
  } catch (error) {
    if (!(error instanceof BundleError)) throw error
    printDiagnostics(error.diagnostics)
    return 1
  }
  printDiagnostics(result.warnings)
  for (const file of result.files) process.stdout.write(`  ${flags.outdir}/${file.path}  ${formatSize(file.size)}\n`)
  process.stdout.write(`Bundled in ${Math.round(performance.now() - started)} ms\n`)
  return 0
}

function formatSize(bytes) {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} kB`
}
