// The bundler through the package API and the CLI, on real packages: React rendering
// to HTML in Node, and React running and updating in chromium.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { SourceMap } from 'node:module'
import { join } from 'node:path'


import { Bundler, BundleError, bundle } from '../index.js'
import { launchChromium } from './conformance/harness/browser.js'
import { ROOT, runCli } from './helpers.js'

const FIXTURES = join(ROOT, '__tests__/fixtures/bundle')

/**
 * Serves `outdir` at http://vnext.test/ as a static host would, with `html` at `/`
 * and any `extra` responses by path; returns the paths requested, in order.
 */
async function serveOutput(page, html, extra = {}) {
  const requested = []
  await page.route('http://vnext.test/**', (route) => {
    const path = new URL(route.request().url()).pathname.slice(1)
    requested.push(path)
    if (path === '') return route.fulfill({ contentType: 'text/html', body: html })
    if (path in extra) return route.fulfill(extra[path])
    const contentType = path.endsWith('.css') ? 'text/css' : path.endsWith('.svg') ? 'image/svg+xml' : 'text/javascript'
    return route.fulfill({ contentType, path: join(outdir, path) })
  })
  return requested
}
let outdir
beforeEach(() => (outdir = mkdtempSync(join(tmpdir(), 'vnext-bundle-'))))
afterEach(() => rmSync(outdir, { recursive: true, force: true }))

/**
 * Opens `html` at http://vnext.test/, the output folder served beside it, in a fresh
 * chromium; hands `use` the page, the paths it requested and its uncaught errors, then
 * closes the browser.
 */
async function inChromium(html, use) {
  const browser = await launchChromium()
  try {
    const page = await browser.newPage()
    const errors = []
    page.on('pageerror', (error) => errors.push(String(error)))
    const requested = await serveOutput(page, html)
    await page.goto('http://vnext.test/')
    await use(page, { requested, errors })
  } finally {
    await browser.close()
  }
}

test.each([false, true])('react-dom/server.edge renders a page with Suspense to HTML in Node (minify: %s)', async (minify) => {
  const result = await bundle({ root: join(FIXTURES, 'react-ssr'), entries: ['entry.jsx'], outdir, platform: 'node', minify })
  expect(result.files.map((file) => file.path)).toEqual(['entry.js'])
  const html = execFileSync(process.execPath, [join(outdir, 'entry.js')], { encoding: 'utf8' })
  expect(html).toContain('<main><ul><li>one</li><li>two</li></ul>')
  expect(html).toContain('resolved later')
}, 60_000)

test('react-dom/client renders, updates on click and loads a split chunk with its stylesheet in chromium', async () => {
  const bundler = new Bundler({ root: join(FIXTURES, 'react-browser'), platform: 'browser', minify: true, splitting: true })
  const { files } = await bundler.bundle(['entry.jsx'], { outdir })
  const entry = files.find((file) => file.entry === 'entry.jsx')
  expect(entry.path).toBe('entry.js')
  const details = entry.dynamicImports.find((path) => /^details-[0-9a-f]{16}\.js$/.test(path))
  expect(details).toBeDefined()
  for (const file of files) expect(readFileSync(join(outdir, file.path), 'utf8')).not.toContain('process.env.NODE_ENV')

  await inChromium('<div id="root"></div><script type="module" src="/entry.js"></script>', async (page, { requested, errors }) => {
    await page.locator('#counter').waitFor()
    expect(requested.sort()).toEqual(['', ...entry.imports, 'entry.js'].sort())

    await page.locator('#counter').click()
    await page.waitForFunction(() => document.querySelector('#details')?.textContent === 'details for 1')
    expect(requested).toContain(details)
    // The chunk's stylesheet came with it, linked by the runtime.
    expect(requested).toContainEqual(expect.stringMatching(/^details-[0-9a-f]{16}\.css$/))
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('#details')).color)).toBe('rgb(1, 2, 3)')
    await page.locator('#counter').click()
    await page.waitForFunction(() => document.querySelector('#counter')?.textContent === 'clicked 2')
    await page.waitForFunction(() => document.querySelector('#details')?.textContent === 'details for 2')
    expect(errors).toEqual([])
  })
}, 60_000)

test('a Web Worker named by new URL() runs from its own chunk in chromium, as a module and as a classic script', async () => {
  const { files } = await bundle({ root: join(FIXTURES, 'web-worker'), entries: ['entry.js'], outdir, platform: 'browser', minify: true, splitting: true })
  const worker = files.find((file) => /^worker-[0-9a-f]{16}\.js$/.test(file.path))
  expect(worker).toBeDefined()
  expect(worker.imports).toEqual([])

  await inChromium('<script type="module" src="/entry.js"></script>', async (page, { requested, errors }) => {
    for (const type of ['module', 'classic']) {
      await expect(page.locator(`#${type}`).textContent()).resolves.toBe(`${type.toUpperCase()} WORKER and its lazy module`)
    }
    expect(await page.evaluate(() => document.body.dataset.main)).toBe('MAIN')
    expect(requested).toContain(worker.path)
    expect(errors).toEqual([])
  })
}, 60_000)

test.each([false, true])('source maps lead a stack trace back to the TypeScript source (minify: %s)', async (minify) => {
  const root = join(FIXTURES, 'source-maps')
  const { files } = await bundle({ root, entries: ['entry.ts'], outdir, platform: 'node', minify, sourcemap: true })
  expect(readFileSync(join(outdir, 'entry.js'), 'utf8')).toMatch(/\n\/\/# sourceMappingURL=entry\.js\.map\n$/)
  const map = JSON.parse(readFileSync(join(outdir, 'entry.js.map'), 'utf8'))
  expect(map.sources).toEqual(expect.arrayContaining(['vnext:///entry.ts', 'vnext:///check.ts']))
  expect(map.sourcesContent[map.sources.indexOf('vnext:///check.ts')]).toBe(readFileSync(join(root, 'check.ts'), 'utf8'))
  expect(files.map((file) => file.path)).toEqual(['entry.js'])

  const stack = execFileSync(process.execPath, ['--enable-source-maps', join(outdir, 'entry.js')], { encoding: 'utf8' })
  expect(stack).toContain('RangeError: -1 is below 0')
  // The throw is on line 9 of check.ts, the call on line 4 of entry.ts.
  expect(stack).toMatch(/^ {4}at \w+ \(vnext:\/\/\/check\.ts:9:\d+\)$/m)
  expect(stack).toMatch(/^ {4}at .* \(vnext:\/\/\/entry\.ts:4:\d+\)$/m)
}, 60_000)

test('global CSS, @import, url() assets and CSS modules with composes and nesting style a page in chromium', async () => {
  const { files, assets } = await bundle({ root: join(FIXTURES, 'styled-browser'), entries: ['entry.jsx'], outdir, platform: 'browser', minify: true })
  const entry = files.find((file) => file.entry === 'entry.jsx')
  expect(entry.css).toEqual([expect.stringMatching(/^entry-[0-9a-f]{16}\.css$/)])
  expect(assets.map((asset) => asset.path)).toEqual([expect.stringMatching(/^assets\/dot-[0-9a-f]{16}\.svg$/)])

  const links = entry.css.map((css) => `<link rel="stylesheet" href="/${css}">`).join('')
  await inChromium(`${links}<div id="root"></div><script type="module" src="/entry.js"></script>`, async (page, { errors }) => {
    await page.locator('#card h2').waitFor()
    const styles = await page.evaluate(() => {
      const card = getComputedStyle(document.querySelector('#card'))
      const title = getComputedStyle(document.querySelector('#card h2'))
      return {
        bodyMargin: getComputedStyle(document.body).marginTop,
        cardBorder: card.borderTopWidth + ' ' + card.borderTopColor,
        cardPadding: card.paddingTop,
        cardBackground: card.backgroundImage,
        titleColor: title.color,
        titleSize: title.fontSize,
      }
    })
    expect(styles).toEqual({
      bodyMargin: '0px',
      cardBorder: '2px rgb(0, 128, 0)',
      cardPadding: '12px',
      cardBackground: `url("http://vnext.test/${assets[0].path}")`,
      titleColor: 'rgb(0, 128, 0)',
      titleSize: '20px',
    })
    expect(errors).toEqual([])
  })
}, 60_000)

test('a stylesheet source map leads each minified rule back to its file and line, past rewritten url()s', async () => {
  const root = join(FIXTURES, 'styled-browser')
  const { files } = await bundle({ root, entries: ['entry.jsx'], outdir, platform: 'browser', minify: true, sourcemap: true })
  const [cssName] = files.find((file) => file.entry === 'entry.jsx').css
  const css = readFileSync(join(outdir, cssName), 'utf8')
  expect(css).toMatch(new RegExp(`\\n/\\*# sourceMappingURL=${cssName.replace('.', '\\.')}\\.map \\*/$`))
  const payload = JSON.parse(readFileSync(join(outdir, `${cssName}.map`), 'utf8'))
  expect(payload.sources).toEqual(['vnext:///reset.css', 'vnext:///global.css', 'vnext:///card.module.css'])
  expect(payload.sourcesContent[2]).toBe(readFileSync(join(root, 'card.module.css'), 'utf8'))

  // Where each rule's selector starts in the output, and the line (0-based) it has in its file.
  const map = new SourceMap(payload)
  const lines = css.split('\n')
  const origin = (needle) => {
    const line = lines.findIndex((text) => text.includes(needle))
    const rule = lines[line].slice(0, lines[line].indexOf(needle))
    const column = Math.max(rule.lastIndexOf('}'), rule.lastIndexOf(';')) + 1
    const entry = map.findEntry(line, column)
    return [entry.originalSource, entry.originalLine, entry.generatedColumn === column]
  }
  expect(origin('{margin:0}')).toEqual(['vnext:///reset.css', 0, true])
  expect(origin('{--accent:')).toEqual(['vnext:///global.css', 2, true])
  // After `url(/assets/dot-<hash>.svg)`, longer than the placeholder it replaced.
  expect(origin('{font-size:20px}')).toEqual(['vnext:///card.module.css', 13, true])
})

test("the app's PostCSS runs first: Tailwind v4 scans the app's sources and styles a page in chromium", async () => {
  // Through the CLI, as a user runs it (Jest's module loader cannot load Tailwind's).
  const result = runCli(['bundle', 'entry.jsx', '--outdir', outdir, '--minify'], { cwd: join(FIXTURES, 'tailwind') })
  expect(result.stderr).toBe('')
  const cssFiles = readdirSync(outdir).filter((file) => file.endsWith('.css'))
  expect(cssFiles).toEqual([expect.stringMatching(/^entry-[0-9a-f]{16}\.css$/)])
  const css = readFileSync(join(outdir, cssFiles[0]), 'utf8')
  // Utilities the sources use are generated; others are not.
  expect(css).toContain('.p-4')
  expect(css).toContain('.text-brand')
  expect(css).not.toContain('.p-5')

  await inChromium(`<link rel="stylesheet" href="/${cssFiles[0]}"><div id="root"></div><script type="module" src="/entry.js"></script>`, async (page) => {
    await page.locator('#badge').waitFor()
    const styles = await page.evaluate(() => {
      const main = getComputedStyle(document.querySelector('main'))
      return {
        padding: main.paddingTop,
        weight: main.fontWeight,
        color: main.color,
        badgeMargin: getComputedStyle(document.querySelector('#badge')).marginLeft,
        // Tailwind's preflight resets the body's margin.
        bodyMargin: getComputedStyle(document.body).marginTop,
      }
    })
    expect(styles).toEqual({ padding: '16px', weight: '700', color: 'rgb(10, 20, 30)', badgeMargin: '6px', bodyMargin: '0px' })
  })
}, 60_000)

test("stylesheets are lowered for the app's browserslist, and for Next's default targets without one", async () => {
  const app = mkdtempSync(join(tmpdir(), 'vnext-browserslist-'))
  try {
    writeFileSync(join(app, 'entry.js'), "import './box.css'\n")
    writeFileSync(join(app, 'box.css'), '.box { inset: 0 }\n')
    const css = async () => {
      const { files } = await bundle({ root: app, entries: ['entry.js'], outdir, platform: 'browser', minify: true })
      return readFileSync(join(outdir, files.find((file) => file.entry === 'entry.js').css[0]), 'utf8')
    }
    // Chrome 111 and Safari 16.4 know `inset`; Safari 13 does not.
    expect(await css()).toBe('.box{inset:0}')
    writeFileSync(join(app, 'package.json'), JSON.stringify({ browserslist: ['safari 13'] }))
    expect(await css()).toBe('.box{top:0;bottom:0;left:0;right:0}')
    writeFileSync(join(app, 'package.json'), JSON.stringify({ browserslist: ['no such browser 1'] }))
    expect(() => new Bundler({ root: app })).toThrow(/^The browserslist config for .* is invalid: Unknown browser/)
  } finally {
    rmSync(app, { recursive: true, force: true })
  }
})

test('Sass files compile with the app\'s sass, .module.scss is a CSS module', () => {
  const result = runCli(['bundle', 'entry.js', '--outdir', outdir, '--platform', 'node'], { cwd: join(FIXTURES, 'sass') })
  expect(result.stderr).toBe('')
  const [cssFile] = readdirSync(outdir).filter((file) => file.endsWith('.css'))
  const css = readFileSync(join(outdir, cssFile), 'utf8')
  expect(css).toContain('.panel {\n  color: #c80064;\n}')
  expect(css).toContain('.panel .title {\n  margin: 12px;\n}')
  const className = execFileSync(process.execPath, [join(outdir, 'entry.js')], { encoding: 'utf8' }).trim()
  expect(className).toMatch(/^[\w-]+_button$/)
  expect(css).toContain(`.${className} {\n  padding: 6px;\n}`)
})

test('an unresolved import rejects with a BundleError and writes nothing', async () => {
  const bundler = new Bundler({ root: join(FIXTURES, 'broken'), platform: 'node' })
  const error = await bundler.bundle(['entry.js'], { outdir: join(outdir, 'out') }).catch((e) => e)
  expect(error).toBeInstanceOf(BundleError)
  expect(error.diagnostics[0]).toMatchObject({
    code: 'module-not-found',
    message: "Module not found: Can't resolve './nowhere.js'",
    location: { file: 'helper.js', line: 1, column: 24 },
    importTrace: ['helper.js', 'entry.js'],
  })
  expect(() => readFileSync(join(outdir, 'out', 'entry.js'))).toThrow()
})

test('vnext bundle writes one module per entry and reports its size', () => {
  const result = runCli(['bundle', 'entry.jsx', '--outdir', outdir, '--platform', 'node'], { cwd: join(FIXTURES, 'react-ssr') })
  expect(result.stderr).toBe('')
  expect(result.status).toBe(0)
  expect(result.stdout).toMatch(/entry\.js {2}\d+(\.\d)? kB\nBundled in \d+ ms\n$/)
})

test('vnext bundle prints the diagnostic with its code frame and import trace', () => {
  const result = runCli(['bundle', 'entry.js', '--outdir', outdir, '--platform', 'node'], { cwd: join(FIXTURES, 'broken') })
  expect(result.status).toBe(1)
  expect(result.stderr).toContain("./helper.js:1:24\nError: Module not found: Can't resolve './nowhere.js'\n> 1 | export { helper } from './nowhere.js'")
  expect(result.stderr).toContain('Import trace:\n  ./helper.js\n  ./entry.js')
})

test.each([
  [['bundle', '--outdir', 'x'], 'bundle needs at least one entry file'],
  [['bundle', 'a.js'], 'bundle needs --outdir'],
  [['bundle', 'a.js', '--outdir', 'x', '--platform', 'deno'], '--platform must be one of browser, node, worker'],
  [['bundle', 'a.js', '--outdir', 'x', '--format', 'cjs'], '--format: only esm is supported'],
  [['bundle', 'a.js', '--outdir', 'x', '--sourcemap=inline'], "Option '--sourcemap' does not take an argument"],
])('vnext %j is a usage error', (args, message) => {
  const result = runCli(args)
  expect(result.status).toBe(2)
  expect(result.stderr).toContain(message)
})

test('a React Server Components render crosses the rsc and ssr layers to HTML', async () => {
  await bundle({ root: join(FIXTURES, 'rsc-round-trip'), entries: ['entry.js'], outdir, platform: 'worker' })
  const { html, flight } = JSON.parse(execFileSync(process.execPath, [join(outdir, 'entry.js')], { encoding: 'utf8' }))
  // The server component ran in the rsc layer; the "use client" module was a reference
  // there (default and named export) and rendered for real in the ssr layer.
  expect(flight).toContain('"(client)/counter.jsx"')
  expect(flight).toContain('"Label"]')
  expect(flight).not.toContain('count ')
  expect(html).toBe('<main><h1>from a server component</h1><button>count <!-- -->3</button><span>named export</span></main>')
}, 60_000)

test('a "use server" module is registered in rsc, a stub that calls the server in the browser layer, and found through the server manifest', async () => {
  const entries = [
    { path: 'action-server.js', layer: 'rsc' },
    { path: 'action-client.js', layer: 'client' },
  ]
  await bundle({ root: join(FIXTURES, 'rsc-round-trip'), entries, outdir, platform: 'node' })
  // Both halves in one process, the browser's loaded first: the server's registry is
  // then the one webpack's globals point at, as it is in a Worker.
  const driver = `
    const client = await import(${JSON.stringify(join(outdir, 'client/action-client.js'))})
    const server = await import(${JSON.stringify(join(outdir, 'action-server.js'))})
    const calls = []
    globalThis.__vnext_callServer = async (id, args) => {
      calls.push(id)
      return server.runAction(id, await client.encodeReply(args))
    }
    console.log(JSON.stringify({ registered: server.registered, results: await client.callBoth(), calls }))
  `
  const output = execFileSync(process.execPath, ['--input-type=module', '--eval', driver], { encoding: 'utf8' })
  const { registered, results, calls } = JSON.parse(output)
  expect(registered).toBe(true)
  expect(results).toEqual(['hello vnext, from the server', 'QUIET'])
  // Action ids are hashes: they name neither the file nor the export.
  expect(calls).toEqual([expect.stringMatching(/^7f[0-9a-f]{40}$/), expect.stringMatching(/^7f[0-9a-f]{40}$/)])
  expect(calls[0]).not.toBe(calls[1])
}, 60_000)

test('a client component server-rendered from the flight payload hydrates in chromium from its own chunk', async () => {
  const root = join(FIXTURES, 'rsc-round-trip')
  const { files } = await bundle({ root, entries: ['entry.js', { path: 'browser.jsx', layer: 'client' }], outdir, platform: 'worker' })
  const { html, flight } = JSON.parse(execFileSync(process.execPath, [join(outdir, 'entry.js')], { encoding: 'utf8' }))
  const browserEntry = files.find((file) => file.entry === 'browser.jsx')
  expect(browserEntry.path).toBe('client/browser.js')
  // The counter's chunk is not among what the entry loads: React asks for it by name.
  const counterChunk = files.find((file) => /^client\/counter-[0-9a-f]{16}\.js$/.test(file.path))
  expect(browserEntry.imports).not.toContain(counterChunk.path)
  expect(flight).toContain(counterChunk.path.slice('client/'.length))

  const browser = await launchChromium()
  try {
    const page = await browser.newPage()
    const problems = []
    page.on('pageerror', (error) => problems.push(String(error)))
    page.on('console', (message) => message.type() === 'error' && problems.push(message.text()))
    const document = `<div id="root">${html}</div><script type="module" src="/client/browser.js"></script>`
    const requested = await serveOutput(page, document, { flight: { contentType: 'text/x-component', body: flight } })
    await page.goto('http://vnext.test/')
    await page.waitForFunction(() => Object.keys(document.querySelector('button')).some((key) => key.startsWith('__reactFiber')))
    expect(requested).toContain(counterChunk.path)
    await page.locator('button').click()
    await page.waitForFunction(() => document.querySelector('button').textContent === 'count 4')
    expect(await page.locator('h1').textContent()).toBe('from a server component')
    expect(problems).toEqual([])
  } finally {
    await browser.close()
  }
}, 60_000)
