// `npm run bench:build`: vnext against `next build` and vinext on generated App Router
// apps and the repo's example app (33 and 330 routes and the example by default;
// `--routes 33,330,1000,example` to choose). For each app
// every tool builds its own copy of the same app, cold (output removed first), in
// alternating order round by round; then each tool's output is measured: the client
// JS and CSS it emits, and in chromium the JS a browser downloads to show sample routes.
import { execFileSync, spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { gzipSync } from 'node:zlib'
import { fileURLToPath } from 'node:url'


import { launchChromium } from '../__tests__/conformance/harness/browser.js'
import { writeBenchApp } from './generate-app.js'
import { startServer } from './server-process.js'
import { prepareVinext } from './vinext.js'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
// Not under a dot-folder: Next's build fails to prerender from one.
const WORK = join(tmpdir(), 'vnext-bench-build')
/** The app copy's own `next`: the root's would load a second React. */
const NEXT_BIN = 'node_modules/next/dist/bin/next'
const VNEXT_BIN = join(ROOT, 'lib/cli/index.js')

/**
 * How each tool is set up in an app copy, builds it, where its browser files land, and
 * how its production server starts.
 */
const TOOLS = {
  next: {
    version: () => packageVersion(join(ROOT, 'node_modules/next')),
    // Hard links, not a symlink: Turbopack refuses packages outside the app's folder.
    prepare: (dir) => execFileSync('cp', ['-al', join(ROOT, 'node_modules'), join(dir, 'node_modules')]),
    output: ['.next'],
    build: (dir) => [process.execPath, [join(dir, NEXT_BIN), 'build']],
    clientDir: '.next/static',
    serve: (dir) => [process.execPath, [join(dir, NEXT_BIN), 'start', '--port', '{port}', '--hostname', '127.0.0.1']],
  },
  vinext: {
    version: () => prepareVinext().version,
    prepare: (dir) => prepareVinext().prepareApp(dir),
    output: ['dist'],
    build: () => prepareVinext().build,
    clientDir: 'dist/client',
    serve: () => prepareVinext().serve,
  },
  vnext: {
    version: () => `${packageVersion(ROOT)} (${gitCommit()})`,
    prepare: (dir) => execFileSync('ln', ['-s', join(ROOT, 'node_modules'), join(dir, 'node_modules')]),
    output: ['.vnext', 'node_modules/.cache/vnext'],
    build: () => [process.execPath, [VNEXT_BIN, 'build']],
    clientDir: '.vnext/assets/_next/static',
    serve: () => [process.execPath, [VNEXT_BIN, 'start', '--port', '{port}', '--hostname', '127.0.0.1', '--runtime', 'node']],
  },
}
const ROUNDS = 3
/** Pages of examples/basic the first-load JS is measured on: static, SSG, dynamic, optional catch-all. */
const EXAMPLE_ROUTES = ['/', '/pricing', '/blog/hello', '/dashboard', '/docs/intro']

function packageVersion(dir) {
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version
}

function gitCommit() {
  return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim()
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
const kB = (bytes) => (bytes / 1000).toFixed(1)

function build(tool, dir) {
  for (const output of TOOLS[tool].output) rmSync(join(dir, output), { recursive: true, force: true })
  const [bin, args] = TOOLS[tool].build(dir)
  const started = performance.now()
  const result = spawnSync(bin, args, { cwd: dir, encoding: 'utf8', env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' } })
  const seconds = (performance.now() - started) / 1000
  if (result.status !== 0) throw new Error(`${tool} build failed in ${dir}:\n${result.stdout}\n${result.stderr}`)
  return seconds
}

function filesUnder(dir) {
  return readdirSync(dir, { recursive: true })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile())
}

/** Every JS and CSS file the tool wrote for the browser, raw and gzip. */
function clientOutput(tool, dir) {
  const totals = { js: { files: 0, raw: 0, gzip: 0 }, css: { files: 0, raw: 0, gzip: 0 } }
  for (const path of filesUnder(join(dir, TOOLS[tool].clientDir))) {
    const kind = path.endsWith('.js') || path.endsWith('.mjs') ? 'js' : path.endsWith('.css') ? 'css' : null
    if (!kind) continue
    const bytes = readFileSync(path)
    totals[kind].files++
    totals[kind].raw += bytes.length
    totals[kind].gzip += gzipSync(bytes).length
  }
  return totals
}

/**
 * Opens each route in chromium, with a cold cache, and sums the JS and the CSS it
 * downloads until the network is idle. Sizes are the response bodies gzipped here at
 * one level, so servers that compress differently (or not at all) compare fairly.
 */
async function firstLoad(tool, dir, routes, browser) {
  const [bin, args] = TOOLS[tool].serve(dir)
  const server = await startServer({ name: tool, bin, args, cwd: dir, probePath: '/' })
  const sizes = (bodies) => ({ files: bodies.length, raw: bodies.reduce((sum, body) => sum + body.length, 0), gzip: bodies.reduce((sum, body) => sum + gzipSync(body).length, 0) })
  try {
    const perRoute = {}
    for (const route of routes) {
      const context = await browser.newContext()
      const page = await context.newPage()
      const bodies = { script: [], stylesheet: [] }
      page.on('response', (response) => bodies[response.request().resourceType()]?.push(response.body()))
      const response = await page.goto(`${server.origin}${route}`, { waitUntil: 'networkidle' })
      if (response.status() !== 200) throw new Error(`${tool}: ${route} answered ${response.status()}`)
      perRoute[route] = { js: sizes(await Promise.all(bodies.script)), css: sizes(await Promise.all(bodies.stylesheet)) }
      await context.close()
    }
    return perRoute
  } finally {
    await server.stop()
  }
}

/** Writes `app` (a route count, or `example`) into `dir`; returns the routes to measure first-load JS on. */
function writeApp(dir, app) {
  if (app !== 'example') return writeBenchApp(dir, Number(app))
  rmSync(dir, { recursive: true, force: true })
  cpSync(join(ROOT, 'examples/basic'), dir, { recursive: true, filter: (source) => !/[/\\](node_modules|\.vnext|\.next)$/.test(source) })
  return { sampleRoutes: EXAMPLE_ROUTES }
}

async function benchApp(app, tools, browser) {
  const dirs = {}
  let sampleRoutes
  for (const tool of tools) {
    dirs[tool] = join(WORK, `${app}-${tool}`)
    ;({ sampleRoutes } = writeApp(dirs[tool], app))
    TOOLS[tool].prepare(dirs[tool])
  }
  const buildSeconds = Object.fromEntries(tools.map((tool) => [tool, []]))
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? tools : [...tools].reverse()
    for (const tool of order) {
      buildSeconds[tool].push(build(tool, dirs[tool]))
      console.error(`  ${app}, round ${round + 1}: ${tool} ${buildSeconds[tool].at(-1).toFixed(2)} s`)
    }
  }
  const result = {}
  for (const tool of tools) {
    result[tool] = {
      buildSeconds: median(buildSeconds[tool]),
      buildSamples: buildSeconds[tool],
      client: clientOutput(tool, dirs[tool]),
      firstLoad: await firstLoad(tool, dirs[tool], sampleRoutes, browser),
    }
  }
  return result
}

function table(app, result, tools) {
  const base = result.next
  const rows = tools.map((tool) => {
    const { buildSeconds, client, firstLoad } = result[tool]
    const loads = Object.values(firstLoad).map((load) => load.js.gzip)
    return `| ${tool} | ${buildSeconds.toFixed(2)} | ${(base.buildSeconds / buildSeconds).toFixed(2)}× | ${kB(client.js.raw)} / ${kB(client.js.gzip)} | ${kB(client.css.raw)} / ${kB(client.css.gzip)} | ${kB(Math.min(...loads))} – ${kB(Math.max(...loads))} | ${kB(median(loads))} |`
  })
  const routes = Object.keys(base.firstLoad)
  const perRoute = routes.map((route) => {
    const cells = (kind) => tools.map((tool) => kB(result[tool].firstLoad[route][kind].gzip))
    return `| \`${route}\` | ${cells('js').join(' | ')} | ${cells('css').join(' | ')} |`
  })
  return [
    app === 'example' ? '### The example app (`examples/basic`)' : `### ${app} routes`,
    '',
    '| tool | build (s) | speed vs next | client JS (kB raw / gzip) | client CSS (kB raw / gzip) | first-load JS per route (kB gzip) | median |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...rows,
    '',
    `First-load JS and CSS (kB gzip) by route, in chromium:`,
    '',
    `| route | ${tools.map((tool) => `JS ${tool}`).join(' | ')} | ${tools.map((tool) => `CSS ${tool}`).join(' | ')} |`,
    `|---|${[...tools, ...tools].map(() => '---:').join('|')}|`,
    ...perRoute,
  ].join('\n')
}

async function main() {
  const { values } = parseArgs({ options: { routes: { type: 'string', default: '33,330,example' }, tools: { type: 'string', default: Object.keys(TOOLS).join(',') } } })
  const apps = values.routes.split(',')
  const tools = values.tools.split(',')
  if (!tools.includes('next')) throw new Error('--tools must include next: ratios are against it')
  mkdirSync(WORK, { recursive: true })
  const versions = Object.fromEntries(tools.map((tool) => [tool, TOOLS[tool].version()]))
  const browser = await launchChromium()
  const results = {}
  try {
    for (const app of apps) results[app] = await benchApp(app, tools, browser)
  } finally {
    await browser.close()
  }
  const report = [`Medians of ${ROUNDS} cold builds per tool; versions: ${tools.map((tool) => `${tool} ${versions[tool]}`).join(', ')}.`, '', ...apps.map((app) => table(app, results[app], tools))].join('\n\n')
  console.log(report)
  const result = { date: new Date().toISOString(), node: process.version, versions, rounds: ROUNDS, results }
  writeFileSync(join(ROOT, 'bench/results/build.json'), `${JSON.stringify(result, null, 2)}\n`)
}

await main()
