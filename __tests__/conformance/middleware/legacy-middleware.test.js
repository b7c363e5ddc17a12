// Follows vercel/next.js test/e2e/app-dir/app-middleware/app-middleware.test.ts and
// test/e2e/middleware-redirects/test/index.test.ts: Next 16 still runs a root `middleware.js`
// exporting `middleware` (deprecated in favour of `proxy.js`).
import { useFixture } from '../harness/index.js'

const app = useFixture(new URL('./fixtures/legacy-middleware', import.meta.url))

describe('middleware: legacy middleware.js', () => {
  test('middleware.js runs on matched paths and can redirect', async () => {
    const response = await app.fetch('/dashboard/reports', { redirect: 'manual' })
    expect(response.status).toBe(307)
    const location = new URL(response.headers.get('location'), app.url('/'))
    expect(location.pathname + location.search).toBe('/login?next=%2Fdashboard%2Freports')

    const $ = await app.render$('/dashboard')
    expect($('#page').text()).toBe('Login')
    expect($('#next').text()).toBe('/dashboard')
  })

  test('middleware.js lets requests through and sets response headers', async () => {
    const response = await app.fetch('/dashboard', { headers: { cookie: 'session=1' }, redirect: 'manual' })
    expect(response.status).toBe(200)
    expect(response.headers.get('x-middleware-ran')).toBe('yes')
    expect(await response.text()).toContain('<h1 id="page">Dashboard</h1>')
  })

  test('a string matcher leaves other paths untouched', async () => {
    for (const path of ['/', '/public-page', '/login']) {
      const response = await app.fetch(path, { redirect: 'manual' })
      expect(response.status).toBe(200)
      expect(response.headers.get('x-middleware-ran')).toBeNull()
    }
  })

  test('a browser without the cookie ends on the login page', async () => {
    const page = await app.browser('/dashboard')
    await page.waitForText('#page', 'Login')
    expect(page.url()).toBe('/login?next=%2Fdashboard')
  })
})
