// `npm run bench:routes`: route compilation of a generated 5,000-route app, and the
// Worker's trie matcher against Next's way of matching (a list of per-route regular
// expressions tried in order) over 1,000,000 paths. Prints medians and ratios.

import { execFileSync } from 'node:child_process'
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { compileRoutes, createRouteMatcher } from '../index.js'

const RUNS = 15
const WARMUP_RUNS = 3
const LOOKUPS = 1_000_000

/** An App Router app with `count` pages: sections of static, dynamic and catch-all routes. */
function generateApp(dir, count) {
  rmSync(dir, { recursive: true, force: true })
  const write = (path, text) => {
    mkdirSync(join(dir, path, '..'), { recursive: true })
    writeFileSync(join(dir, path), text)
  }
  write('app/layout.tsx', 'export default function L({ children }) { return <html><body>{children}</body></html> }\n')
  write('app/page.tsx', 'export default function P() { return null }\n')
  const pages = []
  for (let i = 0; pages.length < count - 1; i++) {
    const section = `section-${i}`
    const candidates = [
      `${section}`,
      `${section}/about`,
      `${section}/items/[id]`,
      `${section}/items/[id]/reviews`,
      `${section}/docs/[...path]`,
    ]
    write(`app/${section}/layout.tsx`, 'export const revalidate = 60\nexport default function L({ children }) { return children }\n')
    for (const page of candidates.slice(0, count - 1 - pages.length)) {
      write(`app/${page}/page.tsx`, 'export default function P() { return null }\n')
      pages.push(page)
    }
  }
  return pages
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

function time(fn) {
  const start = process.hrtime.bigint()
  fn()
  return Number(process.hrtime.bigint() - start) / 1e6
}

/** Next's matcher shape: one anchored regex per route, tried in sorted order. */
function regexList(manifest) {
  return manifest.routes.map((route, index) => {
    const source = route.path
      .split('/')
      .filter(Boolean)
      .map((segment) => {
        if (segment.startsWith('[[...')) return '(?:/(.+?))?'
        if (segment.startsWith('[...')) return '/(.+?)'
        if (segment.startsWith('[')) return '/([^/]+?)'
        return `/${segment.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')}`
      })
      .join('')
    const params = route.params
    const regex = new RegExp(`^${source}(?:/)?$`)
    return (pathname) => {
      const match = regex.exec(pathname)
      if (!match) return null
      const values = {}
      params.forEach((param, i) => {
        const value = match[i + 1]
        if (value !== undefined) values[param.name] = param.kind === 'dynamic' ? decodeURIComponent(value) : value.split('/').map(decodeURIComponent)
      })
      return { route: index, params: values }
    }
  })
}

/** Paths spread over all routes, including misses. */
function samplePaths(pages) {
  const concrete = pages.map((page) => `/${page.replace('[id]', '42').replace('[...path]', 'a/b/c')}`)
  return [...concrete, '/missing/page', '/section-3/nope/deeper']
}

/** The floor: only list every folder and read every file, as any compiler must. */
function readTree(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) readTree(path)
    else readFileSync(path)
  }
}

async function benchCompile(dir, routeCount) {
  generateApp(dir, routeCount)
  // A user's app is at rest when it is built. Right after the 11,000 files are
  // written, the first compiles run 1.5–2× slower here (in Rust as much as in
  // `JSON.parse`), so warm up a few times and flush what is left for the disk.
  for (let run = 0; run < WARMUP_RUNS; run++) await compileRoutes(dir)
  execFileSync('sync')
  const times = []
  const floorTimes = []
  let manifest
  for (let run = 0; run < RUNS; run++) {
    const start = process.hrtime.bigint()
    manifest = await compileRoutes(dir)
    times.push(Number(process.hrtime.bigint() - start) / 1e6)
    floorTimes.push(time(() => readTree(dir)))
  }
  return { manifest, ms: median(times), floorMs: median(floorTimes) }
}

function benchMatch(manifest, pages) {
  const trie = createRouteMatcher(manifest.matcher)
  const list = regexList(manifest)
  const paths = samplePaths(pages)
  for (const path of paths) {
    const a = trie.match(path)
    const b = list.find((m) => m(path))?.(path) ?? null
    if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error(`matchers disagree on ${path}`)
  }
  const runTrie = () => {
    for (let i = 0; i < LOOKUPS; i++) trie.match(paths[i % paths.length])
  }
  const runList = () => {
    for (let i = 0; i < LOOKUPS; i++) {
      const path = paths[i % paths.length]
      for (const matcher of list) if (matcher(path)) break
    }
  }
  const trieTimes = []
  const listTimes = []
  for (let run = 0; run < 3; run++) {
    // Alternate, so drift on a noisy machine hits both alike.
    trieTimes.push(time(runTrie))
    listTimes.push(time(runList))
  }
  return { trie: median(trieTimes), list: median(listTimes) }
}

const work = join(tmpdir(), 'vnext-bench-routes')
const compile = await benchCompile(join(work, 'app-5000'), 5000)
console.log(
  `compileRoutes, ${compile.manifest.routes.length} routes: median ${compile.ms.toFixed(1)} ms over ${RUNS} runs; ` +
    `only listing and reading the same files (Node, one thread): ${compile.floorMs.toFixed(1)} ms`,
)

for (const count of [1000]) {
  const dir = join(work, `app-${count}`)
  const pages = generateApp(dir, count)
  const manifest = await compileRoutes(dir)
  const { trie, list } = benchMatch(manifest, pages)
  console.log(
    `match ${LOOKUPS.toLocaleString('en')} paths, ${manifest.routes.length} routes: trie ${trie.toFixed(0)} ms, regex list ${list.toFixed(0)} ms, ratio ${(list / trie).toFixed(1)}x`,
  )
}
rmSync(work, { recursive: true, force: true })
