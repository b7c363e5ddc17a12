// Follows vercel/next.js test/e2e/app-dir/app-basepath/index.test.ts and
// test/e2e/basepath/basepath.test.ts (404 outside the basePath, public files, API routes).
import { useFixture } from '../harness/index.js'

const app = useFixture(new URL('./fixtures/base-path', import.meta.url))

describe('next-config: basePath', () => {
  test('pages are served under the basePath', async () => {
    const home = await app.fetch('/docs')
    expect(home.status).toBe(200)
    expect(await home.text()).toContain('<h1 id="page">Home</h1>')

    const about = await app.render$('/docs/about')
    expect(about('#page').text()).toBe('About')
  })

  test('paths without the basePath answer 404', async () => {
    for (const path of ['/', '/about', '/api/ping', '/hello.txt']) {
      const response = await app.fetch(path, { redirect: 'manual' })
      expect(response.status).toBe(404)
    }
  })

  test('Link hrefs and framework assets are prefixed with the basePath', async () => {
    const $ = await app.render$('/docs')
    expect($('#link-home').attr('href')).toBe('/docs')
    expect($('#link-about').attr('href')).toBe('/docs/about')
    expect($('#link-about-query').attr('href')).toBe('/docs/about?tab=team#members')
    const scripts = $('script[src]')
      .map((_, element) => $(element).attr('src'))
      .get()
    expect(scripts.length).toBeGreaterThan(0)
    for (const src of scripts) expect(src).toMatch(/^\/docs\/_next\/static\//)
    const chunk = await app.fetch(scripts[0])
    expect(chunk.status).toBe(200)
  })

  test('public files are served under the basePath', async () => {
    const response = await app.fetch('/docs/hello.txt')
    expect(response.status).toBe(200)
    expect(await response.text()).toBe('hello from public\n')
  })

  test('route handlers are served under the basePath; nextUrl.pathname leaves it out', async () => {
    const response = await app.fetch('/docs/api/ping')
    expect(response.status).toBe(200)
    expect((await response.json()).pathname).toBe('/api/ping')
  })

  test('redirect() in a page gets the basePath', async () => {
    const response = await app.fetch('/docs/go', { redirect: 'manual' })
    expect(response.status).toBe(307)
    expect(new URL(response.headers.get('location'), app.url('/')).pathname).toBe('/docs/about')
  })

  test('usePathname() leaves out the basePath', async () => {
    const $ = await app.render$('/docs/about')
    expect($('#pathname').text()).toBe('/about')
  })

  test('client navigation stays under the basePath without a full reload', async () => {
    const page = await app.browser('/docs')
    await page.markWindow()
    await page.click('#link-about')
    await page.waitForText('#page', 'About')
    expect(page.url()).toBe('/docs/about')
    await page.waitForText('#pathname', '/about')

    await page.click('#link-home')
    await page.waitForText('#page', 'Home')
    expect(page.url()).toBe('/docs')
    expect(await page.isWindowMarked()).toBe(true)
  })
})
