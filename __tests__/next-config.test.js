// next.config as vnext reads it: the file Next would pick, TypeScript, a function of
// the phase, Next's defaults, and a clear refusal of what Next would refuse.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'

import { loadNextConfig, NextConfigError, parseBytes } from '../lib/build/next-config.js'
import { runCli } from './helpers.js'

let app
beforeEach(() => (app = mkdtempSync(join(tmpdir(), 'vnext-next-config-'))))
afterEach(() => rmSync(app, { recursive: true, force: true }))

function write(files) {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(app, path)), { recursive: true })
    writeFileSync(join(app, path), text)
  }
}

const DEFAULT_ACTIONS = { allowedOrigins: [], bodySizeLimit: { bytes: 1024 * 1024, text: '1 MB' } }

test("without a next.config, Next's defaults", async () => {
  expect(await loadNextConfig(app)).toEqual({ pageExtensions: undefined, authInterrupts: false, serverActions: DEFAULT_ACTIONS })
})

test('next.config.ts is bundled and read, types and all', async () => {
  write({
    'next.config.ts': [
      "import type { NextConfig } from 'next'",
      "const extensions: string[] = ['page.tsx', 'page.ts']",
      'const config: NextConfig = {',
      '  pageExtensions: extensions,',
      "  experimental: { authInterrupts: true, serverActions: { bodySizeLimit: '2mb', allowedOrigins: ['*.proxy.example'] } },",
      '}',
      'export default config',
      '',
    ].join('\n'),
  })
  expect(await loadNextConfig(app)).toEqual({
    pageExtensions: ['page.tsx', 'page.ts'],
    authInterrupts: true,
    serverActions: { allowedOrigins: ['*.proxy.example'], bodySizeLimit: { bytes: 2 * 1024 * 1024, text: '2mb' } },
  })
})

test('a function export is called with the build phase; next.config.js comes before next.config.ts', async () => {
  write({
    'next.config.js': "module.exports = (phase) => ({ pageExtensions: [phase === 'phase-production-build' ? 'js' : 'wrong'] })\n",
    'next.config.ts': "export default { pageExtensions: ['ts'] }\n",
  })
  expect((await loadNextConfig(app)).pageExtensions).toEqual(['js'])
})

test.each([
  ['export default { pageExtensions: "tsx" }', /^Invalid pageExtensions in next.config.mjs: expected a non-empty array/],
  ['export default { experimental: { serverActions: { bodySizeLimit: "lots" } } }', /^Invalid experimental.serverActions.bodySizeLimit in next.config.mjs/],
  ['export default { experimental: { serverActions: { allowedOrigins: "a.example" } } }', /^Invalid experimental.serverActions.allowedOrigins in next.config.mjs/],
  ['throw new Error("no config today")', /^Failed to load next.config.mjs: no config today\. Fix the error in next.config.mjs/],
])('%s is refused, naming the file', async (source, message) => {
  write({ 'next.config.mjs': `${source}\n` })
  const error = await loadNextConfig(app).catch((e) => e)
  expect(error).toBeInstanceOf(NextConfigError)
  expect(error.message).toMatch(message)
})

test('a TypeScript config that does not compile is refused with the line and column', async () => {
  write({ 'next.config.ts': 'const port: number = {\nexport default {}\n' })
  const error = await loadNextConfig(app).catch((e) => e)
  expect(error).toBeInstanceOf(NextConfigError)
  expect(error.message).toMatch(/^Failed to load next\.config\.ts:2:\d+: .+ Fix the error in next\.config\.ts and build again\.$/)
})

test('sizes read as Next reads bodySizeLimit', () => {
  expect([parseBytes(1000), parseBytes('500kb'), parseBytes('1.5 MB'), parseBytes('2mb'), parseBytes('10')]).toEqual([1000, 512000, 1572864, 2097152, 10])
  expect([parseBytes('2 megabytes'), parseBytes(-1), parseBytes('')]).toEqual([null, null, null])
})

test("vnext routes uses next.config's pageExtensions, and a broken config fails with its message", () => {
  write({
    'next.config.mjs': "export default { pageExtensions: ['page.js'] }\n",
    'app/layout.page.js': 'export default function Layout({ children }) { return <html><body>{children}</body></html> }\n',
    'app/page.page.js': 'export default function Home() { return null }\n',
    // Not a route with these extensions: a component beside the pages.
    'app/helper/page.js': 'export default function Helper() { return null }\n',
  })
  const listed = runCli(['routes', app, '--json'])
  expect(listed.status).toBe(0)
  expect(JSON.parse(listed.stdout).routes.map((route) => route.path)).toEqual(['/'])

  write({ 'next.config.mjs': 'export default { pageExtensions: [] }\n' })
  const refused = runCli(['routes', app])
  expect(refused.status).toBe(1)
  expect(refused.stderr).toBe('Error: Invalid pageExtensions in next.config.mjs: expected a non-empty array of extensions such as ["tsx", "ts", "jsx", "js"].\n')
})
