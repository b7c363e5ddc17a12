// `npm run bench:serve`: requests per second and latency of `vnext start` (workerd and
// Node) against `next start` and `vinext start` on one app, for an ISR page served from
// the cache and for a dynamic page rendered on every request. Every server is built from
// the same source, warmed up, then loaded in turn from this process over keep-alive
// connections on 127.0.0.1; servers alternate round by round and medians are reported.
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

import { get, startServer } from './server-process.js'
import { prepareVinext } from './vinext.js'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const ROUNDS = 3
const CONNECTIONS = 16
const WARMUP_MS = 1000
const MEASURE_MS = 5000
const PAGES = { isr: '/isr', dynamic: '/dynamic' }

const NEXT_BIN = 'node_modules/next/dist/bin/next'
const VNEXT_BIN = join(ROOT, 'lib/cli/index.js')
const LISTEN = ['--port', '{port}', '--hostname', '127.0.0.1']
// Hard links, not symlinks: Turbopack refuses packages outside the app's folder.
const linkRootModules = (dir) => execFileSync('cp', ['-al', join(ROOT, 'node_modules'), join(dir, 'node_modules')])
/** How each tool gets its packages into the app and builds it. */
const BUILDS = {
  next: { prepare: linkRootModules, command: (dir) => [process.execPath, [join(dir, NEXT_BIN), 'build']] },
  vinext: { prepare: (dir) => prepareVinext().prepareApp(dir), command: () => prepareVinext().build },
  vnext: { prepare: linkRootModules, command: () => [process.execPath, [VNEXT_BIN, 'build']] },
}
/** The servers measured: which build each serves, and how it is started (`{port}` filled in). */
const SERVERS = {
  'next start': { build: 'next', start: (dir) => [process.execPath, [join(dir, NEXT_BIN), 'start', ...LISTEN]] },
  'vinext start': { build: 'vinext', start: () => prepareVinext().serve },
  'vnext start': { build: 'vnext', start: () => [process.execPath, [VNEXT_BIN, 'start', ...LISTEN]] },
  'vnext start --runtime node': { build: 'vnext', start: () => [process.execPath, [VNEXT_BIN, 'start', ...LISTEN, '--runtime', 'node']] },
}

/** The same small app for every tool: a layout, an ISR page and a dynamic page. */
function writeApp(dir) {
  rmSync(dir, { recursive: true, force: true })
  const write = (path, text) => {
    mkdirSync(join(dir, path, '..'), { recursive: true })
    writeFileSync(join(dir, path), text)
  }
  // vinext's output is only served from an ES module package.
  write('package.json', '{ "name": "bench-serve", "private": true, "type": "module" }\n')
  write('app/layout.js', "export const metadata = { title: 'Bench' }\nexport default function Layout({ children }) { return <html lang=\"en\"><body><nav>Bench</nav>{children}</body></html> }\n")
  const list = "const ITEMS = Array.from({ length: 50 }, (_, i) => `Item ${i}`)\nfunction List() { return <ul>{ITEMS.map((item) => <li key={item}>{item}</li>)}</ul> }\n"
  write('app/isr/page.js', `export const revalidate = 3600\n${list}export default function Isr() { return <main><h1>ISR</h1><List /></main> }\n`)
  write('app/dynamic/page.js', `import { connection } from 'next/server'\n${list}export default async function Dynamic() { await connection(); return <main><h1>Dynamic</h1><p>{Date.now()}</p><List /></main> }\n`)
}

function serve(name, dir) {
  const [bin, args] = SERVERS[name].start(dir)
  return startServer({ name, bin, args, cwd: dir, probePath: PAGES.isr })
}

/** Requests `url` from `CONNECTIONS` loops for `ms`; latencies in milliseconds. */
async function load(url, ms) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS })
  const latencies = []
  let failures = 0
  const end = performance.now() + ms
  const loop = async () => {
    while (performance.now() < end) {
      const started = performance.now()
      const response = await get(url, agent)
      latencies.push(performance.now() - started)
      if (response.statusCode !== 200) failures++
    }
  }
  await Promise.all(Array.from({ length: CONNECTIONS }, loop))
  agent.destroy()
  latencies.sort((a, b) => a - b)
  const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]
  return { rps: latencies.length / (ms / 1000), p50: at(0.5), p99: at(0.99), failures }
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

async function main() {
  const work = join(tmpdir(), 'vnext-bench-serve')
  const dirs = {}
  const buildSeconds = {}
  for (const [tool, { prepare, command }] of Object.entries(BUILDS)) {
    dirs[tool] = join(work, tool)
    writeApp(dirs[tool])
    prepare(dirs[tool])
    const [bin, args] = command(dirs[tool])
    const started = performance.now()
    const build = spawnSync(bin, args, { cwd: dirs[tool], encoding: 'utf8', env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' } })
    if (build.status !== 0) throw new Error(`${tool} build failed:\n${build.stdout}\n${build.stderr}`)
    buildSeconds[tool] = (performance.now() - started) / 1000
  }
  const samples = {}
  const names = Object.keys(SERVERS)
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? names : [...names].reverse()
    for (const name of order) {
      const server = await serve(name, dirs[SERVERS[name].build])
      try {
        const isr = await get(`${server.origin}${PAGES.isr}`)
        if (isr.headers['x-nextjs-cache'] !== 'HIT') throw new Error(`${name}: ${PAGES.isr} is not served from the cache (x-nextjs-cache: ${isr.headers['x-nextjs-cache']})`)
        for (const [page, path] of Object.entries(PAGES)) {
          await load(`${server.origin}${path}`, WARMUP_MS)
          const result = await load(`${server.origin}${path}`, MEASURE_MS)
          if (result.failures > 0) throw new Error(`${name} answered ${result.failures} requests to ${path} with an error`)
          ;(samples[`${name} ${page}`] ??= []).push(result)
        }
      } finally {
        await server.stop()
      }
    }
  }
  const summary = {}
  for (const [key, results] of Object.entries(samples)) {
    summary[key] = { rps: median(results.map((r) => r.rps)), p50: median(results.map((r) => r.p50)), p99: median(results.map((r) => r.p99)) }
  }
  const ms = (value) => value.toFixed(1)
  const rows = Object.keys(PAGES).flatMap((page) =>
    names.map((name) => {
      const { rps, p50, p99 } = summary[`${name} ${page}`]
      const ratio = rps / summary[`next start ${page}`].rps
      return `| ${page} page | \`${name}\` | ${Math.round(rps)} | ${ratio.toFixed(2)}× | ${ms(p50)} | ${ms(p99)} |`
    }),
  )
  const table = [
    `${CONNECTIONS} keep-alive connections from one Node process, ${MEASURE_MS / 1000} s per run after ${WARMUP_MS / 1000} s of warm-up, median of ${ROUNDS} runs:`,
    '',
    '| page | server | req/s | vs next start | p50 (ms) | p99 (ms) |',
    '|---|---|---|---|---|---|',
    ...rows,
  ].join('\n')
  console.log(table)
  const result = { date: new Date().toISOString(), connections: CONNECTIONS, measureMs: MEASURE_MS, rounds: ROUNDS, buildSeconds, summary, samples }
  writeFileSync(join(ROOT, 'bench/results/serve.json'), `${JSON.stringify(result, null, 2)}\n`)
}

await main()
