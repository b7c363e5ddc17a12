// The binding: what crosses from Rust into JS is the manifest the Rust tests
// snapshot, and errors arrive as RouteCompileError with their diagnostics.
import { readFileSync } from 'node:fs'

import { compileRoutes, RouteCompileError } from '../index.js'
import { FIXTURES } from './helpers.js'

test.each(['app-parallel-slots', 'app-segment-config', 'pages-special', 'app-metadata-generated'])(
  '%s compiles to its snapshot',
  async (fixture) => {
    const expected = JSON.parse(readFileSync(`${FIXTURES}/${fixture}/manifest.snap.json`, 'utf8'))
    expect(await compileRoutes(`${FIXTURES}/${fixture}`)).toEqual(expected)
  },
)

test('pageExtensions is passed through', async () => {
  const fixture = `${FIXTURES}/page-extensions`
  const withOption = await compileRoutes(fixture, { pageExtensions: ['page.tsx', 'api.ts'] })
  expect(withOption.routes.map((r) => r.file)).toEqual(['app/page.page.tsx', 'app/api/route.api.ts'])
  await expect(compileRoutes(fixture)).rejects.toThrow('doesn\'t have a root layout')
})

test('a refused layout rejects with every diagnostic and file', async () => {
  const error = await compileRoutes(`${FIXTURES}/error-page-and-route`).catch((e) => e)
  expect(error).toBeInstanceOf(RouteCompileError)
  expect(error.diagnostics).toEqual([
    expect.objectContaining({
      severity: 'error',
      code: 'conflicting-routes',
      files: ['app/api/page.tsx', 'app/api/route.ts'],
    }),
  ])
  expect(error.message).toContain('Conflicting route and page at /api')
})

test('a syntax error carries its location and code frame', async () => {
  const error = await compileRoutes(`${FIXTURES}/error-syntax`).catch((e) => e)
  const [diagnostic] = error.diagnostics
  expect(diagnostic.location).toEqual({ file: 'app/broken/page.tsx', line: 4, column: 14 })
  expect(diagnostic.codeFrame).toContain('> 4 |   const x = {;')
})
