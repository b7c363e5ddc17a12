import { readFileSync } from 'node:fs'

import { FIXTURES, ROOT, runCli } from './helpers.js'

test('--help and --version', () => {
  const help = runCli(['--help'])
  expect(help.status).toBe(0)
  expect(help.stdout).toContain('Usage: vnext <command>')
  const version = runCli(['--version'])
  expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')).version)
})

test('routes prints the table in Next style', () => {
  const { status, stdout } = runCli(['routes', `${FIXTURES}/ordering`])
  expect(status).toBe(0)
  expect(stdout).toContain('Route (app)\n┌ ○ /  ')
  expect(stdout).toMatch(/├ ƒ \/blog\/\[slug\] +page +app\/blog\/\[slug\]\/page\.tsx/)
  expect(stdout).toMatch(/Route \(pages\)\n┌ ƒ \/api\/ping +pagesApi/)
  expect(stdout).toContain('○  (Static)   prerendered as static content')
})

test('routes --json prints the manifest', () => {
  const { status, stdout } = runCli(['routes', `${FIXTURES}/app-segment-config`, '--json'])
  expect(status).toBe(0)
  const manifest = JSON.parse(stdout)
  expect(manifest.routes.find((r) => r.path === '/').config.revalidate).toBe(60)
})

test('a refused layout exits 1 with Next\'s message and the files', () => {
  const { status, stderr } = runCli(['routes', `${FIXTURES}/error-duplicate-pages-in-groups`])
  expect(status).toBe(1)
  expect(stderr).toContain(
    'Error: You cannot have two parallel pages that resolve to the same path. Please check /(a)/x and /(b).',
  )
  expect(stderr).toContain('Files: app/(a)/x/page.tsx, app/(b)/x/page.tsx')
})

test('unknown commands and flags exit 2', () => {
  const command = runCli(['publish'])
  expect(command.status).toBe(2)
  expect(command.stderr).toContain("vnext: unknown command 'publish'")
  const flag = runCli(['routes', '--nope'])
  expect(flag.status).toBe(2)
  expect(flag.stderr).toContain("Unknown option '--nope'")
})
