// `npm run bench:bundler`: vnext's bundler against esbuild and rolldown, in one run, on
// (1) ten copies of three.js's sources and (2) a generated app of 5,000 small TSX
// modules. Every tool bundles for the browser, as ESM, minified, with source maps in
// `.map` files. Runs alternate tool by tool; prints wall-time medians, ratios, and the
// minified + gzip size of each output's JavaScript.

import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'

import * as esbuild from 'esbuild'
import { rolldown } from 'rolldown'

import { Bundler } from '../index.js'

const RUNS = 5
const ROOT = fileURLToPath(new URL('..', import.meta.url))
const WORK = join(ROOT, 'bench/.work/bundler')

function threeTimesTen() {
  const dir = join(WORK, 'three10')
  rmSync(dir, { recursive: true, force: true })
  const imports = []
  for (let i = 0; i < 10; i++) {
    cpSync(join(ROOT, 'node_modules/three/src'), join(dir, `copy${i}`), { recursive: true })
    imports.push(`import * as copy${i} from './copy${i}/Three.js'\nglobalThis.copy${i} = copy${i}`)
  }
  writeFileSync(join(dir, 'entry.js'), `${imports.join('\n')}\n`)
  return { name: 'three.js × 10', dir, entry: 'entry.js' }
}

function tsxModules(count) {
  const dir = join(WORK, 'tsx5000')
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(join(dir, 'src'), { recursive: true })
  for (let i = 0; i < count; i++) {
    const children = [2 * i + 1, 2 * i + 2].filter((child) => child < count)
    const lines = children.map((child) => `import { C${child} } from './m${child}'`)
    lines.push(
      `interface Props { label: string; count?: number }`,
      `export function C${i}({ label, count = ${i} }: Props) {`,
      `  const total: number = count * 2`,
      `  return <section className="c${i}" data-total={total}><h2>{label}</h2>${children.map((child) => `<C${child} label="m${child}" />`).join('')}</section>`,
      `}`,
    )
    writeFileSync(join(dir, 'src', `m${i}.tsx`), `${lines.join('\n')}\n`)
  }
  writeFileSync(join(dir, 'src/index.tsx'), "import { C0 } from './m0'\nglobalThis.app = <C0 label=\"root\" />\n")
  return { name: `${count.toLocaleString('en')} TSX modules`, dir, entry: 'src/index.tsx' }
}

const TOOLS = {
  vnext: async ({ dir, entry }, outdir) => {
    await new Bundler({ root: dir, platform: 'browser', minify: true, sourcemap: true }).bundle([entry], { outdir })
  },
  esbuild: async ({ dir, entry }, outdir) => {
    await esbuild.build({
      absWorkingDir: dir,
      entryPoints: [entry],
      outdir,
      bundle: true,
      minify: true,
      sourcemap: true,
      format: 'esm',
      platform: 'browser',
      jsx: 'automatic',
      logLevel: 'silent',
    })
  },
  rolldown: async ({ dir, entry }, outdir) => {
    const build = await rolldown({ cwd: dir, input: join(dir, entry), platform: 'browser', logLevel: 'silent' })
    await build.write({ dir: outdir, format: 'esm', minify: true, sourcemap: true })
    await build.close()
  },
}

function outputSize(outdir) {
  let raw = 0
  let gzip = 0
  for (const file of readdirSync(outdir, { recursive: true })) {
    if (!String(file).endsWith('.js')) continue
    const code = readFileSync(join(outdir, String(file)))
    raw += code.length
    gzip += gzipSync(code, { level: 9 }).length
  }
  return { raw, gzip }
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} kB`

/**
 * vnext kept warm, as a dev server keeps it: bundle, change the entry, bundle again
 * with the same Bundler; the median of the rebuilds.
 */
async function warmRebuild({ dir, entry }) {
  const bundler = new Bundler({ root: dir, platform: 'browser', minify: true, sourcemap: true })
  const outdir = join(WORK, 'out', 'vnext-warm')
  const entryPath = join(dir, entry)
  const original = readFileSync(entryPath, 'utf8')
  await bundler.bundle([entry], { outdir })
  const times = []
  try {
    for (let run = 0; run < RUNS; run++) {
      writeFileSync(entryPath, `${original}\n// edit ${run}\n`)
      const started = performance.now()
      await bundler.bundle([entry], { outdir })
      times.push(performance.now() - started)
    }
  } finally {
    writeFileSync(entryPath, original)
  }
  return median(times)
}

const inputs = [threeTimesTen(), tsxModules(5000)]
const rows = []
const warm = []
for (const input of inputs) {
  const times = Object.fromEntries(Object.keys(TOOLS).map((tool) => [tool, []]))
  const sizes = {}
  for (let run = 0; run < RUNS; run++) {
    for (const [tool, build] of Object.entries(TOOLS)) {
      const outdir = join(WORK, 'out', tool)
      rmSync(outdir, { recursive: true, force: true })
      const started = performance.now()
      await build(input, outdir)
      times[tool].push(performance.now() - started)
      sizes[tool] = outputSize(outdir)
    }
  }
  for (const tool of Object.keys(TOOLS)) {
    rows.push({ input: input.name, tool, ms: median(times[tool]), ...sizes[tool] })
  }
  warm.push({ input: input.name, ms: await warmRebuild(input) })
}

console.log(`Bundling for the browser, ESM, minified, with source maps; median of ${RUNS} alternating runs.\n`)
console.log('| input | tool | wall time | vnext ÷ tool | minified | gzip | gzip vs esbuild |')
console.log('|---|---|---:|---:|---:|---:|---:|')
for (const row of rows) {
  const vnext = rows.find((other) => other.input === row.input && other.tool === 'vnext')
  const esbuildRow = rows.find((other) => other.input === row.input && other.tool === 'esbuild')
  const speed = row.tool === 'vnext' ? '' : `${(vnext.ms / row.ms).toFixed(2)}×`
  const versusEsbuild = `${(((row.gzip - esbuildRow.gzip) / esbuildRow.gzip) * 100).toFixed(1)}%`
  console.log(`| ${row.input} | ${row.tool} | ${Math.round(row.ms)} ms | ${speed} | ${kb(row.raw)} | ${kb(row.gzip)} | ${versusEsbuild} |`)
}

console.log('\nvnext kept warm (one Bundler, the entry file edited between builds):\n')
console.log('| input | rebuild |')
console.log('|---|---:|')
for (const row of warm) console.log(`| ${row.input} | ${Math.round(row.ms)} ms |`)
