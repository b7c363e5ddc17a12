// Worker output runs in workerd, Cloudflare's runtime, through Miniflare: the bundler
// corpus's worker cases, React rendering to HTML, and a server components render.
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { Miniflare } from 'miniflare'

import { bundle } from '../index.js'
import { ROOT } from './helpers.js'

const CORPUS = join(ROOT, 'crates/vnext_bundler/tests/corpus')
const FIXTURES = join(ROOT, '__tests__/fixtures/bundle')
let outdir
beforeEach(() => (outdir = mkdtempSync(join(tmpdir(), 'vnext-workerd-'))))
afterEach(() => rmSync(outdir, { recursive: true, force: true }))

/**
 * Loads every written file as a module of one Worker whose main module is `main`
 * (source text), and answers one request.
 * @param {Array<{ path: string }>} files
 * @param {string} main
 */
async function fetchFromWorker(files, main) {
  const modules = [
    { type: 'ESModule', path: join(outdir, '__main.js'), contents: main },
    ...files.map((file) => ({ type: 'ESModule', path: join(outdir, file.path), contents: readFileSync(join(outdir, file.path), 'utf8') })),
    ...readdirSync(outdir, { recursive: true })
      .filter((path) => path.endsWith('.wasm'))
      .map((path) => ({ type: 'CompiledWasm', path: join(outdir, path), contents: readFileSync(join(outdir, path)) })),
  ]
  const miniflare = new Miniflare({
    modules,
    modulesRoot: outdir,
    compatibilityDate: '2026-07-30',
    compatibilityFlags: ['nodejs_compat'],
  })
  try {
    const response = await miniflare.dispatchFetch('http://vnext.test/')
    return { status: response.status, text: await response.text() }
  } finally {
    await miniflare.dispose()
  }
}

/**
 * A main module that imports the entries and answers with what they printed, as Node
 * would print it, once `lines` lines are in (or after five seconds). Entries run at
 * module scope, where workerd allows no timers or I/O: only cases that need neither.
 */
function printingWorker(entryPaths, lines) {
  return `import { format } from 'node:util'
const printed = []
console.log = (...args) => printed.push(format(...args))
export default {
  async fetch() {
    for (const entry of ${JSON.stringify(entryPaths.map((path) => `./${path}`))}) await import(entry)
    for (let waited = 0; printed.length < ${lines} && waited < 5000; waited += 10) {
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
    return new Response(printed.map((line) => line + '\\n').join(''))
  },
}
`
}

const workerCases = readdirSync(CORPUS).filter((name) => {
  const caseFile = join(CORPUS, name, 'case.json')
  return existsSync(caseFile) && JSON.parse(readFileSync(caseFile, 'utf8')).platform === 'worker'
})

test.each(workerCases)('corpus case %s prints in workerd what it prints in Node', async (name) => {
  const dir = join(CORPUS, name)
  const { entries, env, splitting } = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8'))
  const expected = readFileSync(join(dir, 'expected.txt'), 'utf8')
  const { files } = await bundle({ root: dir, entries, env, splitting, outdir, platform: 'worker' })
  const entryPaths = files.filter((file) => file.entry).map((file) => file.path)
  const { text } = await fetchFromWorker(files, printingWorker(entryPaths, expected.split('\n').length - 1))
  expect(text).toBe(expected)
}, 30_000)

test('react-dom/server.edge renders a page with Suspense to HTML in workerd', async () => {
  const { files } = await bundle({ root: join(FIXTURES, 'react-ssr'), entries: ['worker.jsx'], outdir, platform: 'worker', minify: true })
  const { status, text } = await fetchFromWorker(files, `export { default } from './worker.js'\n`)
  expect(status).toBe(200)
  expect(text).toContain('<main><ul><li>one</li><li>two</li></ul>')
  expect(text).toContain('resolved later')
}, 30_000)

test('a Worker renders server components to HTML across the rsc and ssr layers, from split chunks', async () => {
  const root = join(FIXTURES, 'rsc-round-trip')
  const { files } = await bundle({ root, entries: ['worker.js'], outdir, platform: 'worker', splitting: true })
  const { status, text } = await fetchFromWorker(files, `export { default } from './worker.js'\n`)
  expect(status).toBe(200)
  expect(text).toBe('<main><h1>from a server component</h1><button>count <!-- -->3</button><span>named export</span></main>')
}, 30_000)
