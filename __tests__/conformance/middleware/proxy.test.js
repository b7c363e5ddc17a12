// Follows vercel/next.js test/e2e/app-dir/app-middleware/app-middleware.test.ts (request headers
// passed with NextResponse.next, cookies), test/e2e/middleware-rewrites/test/index.test.ts and
// test/e2e/middleware-redirects/test/index.test.ts, using the Next 16 `proxy.js` convention.
import { useFixture } from '../harness/index.js'

const app = useFixture(new URL('./fixtures/proxy', import.meta.url))

function locationPath(response) {
  const location = new URL(response.headers.get('location'), app.url('/'))
  return location.pathname + location.search
}

describe('middleware: proxy.js', () => {
  test('NextResponse.redirect in the proxy answers 307 with the target Location', async () => {
    const response = await app.fetch('/old-page', { redirect: 'manual' })
    expect(response.status).toBe(307)
    expect(locationPath(response)).toBe('/new-page?from=old')

    const followed = await app.render$('/old-page')
    expect(followed('#page').text()).toBe('New page')
    expect(followed('#from').text()).toBe('old')
  })

  test('NextResponse.redirect takes a 308 status', async () => {
    const response = await app.fetch('/moved-permanently', { redirect: 'manual' })
    expect(response.status).toBe(308)
    expect(locationPath(response)).toBe('/new-page')
  })

  test('NextResponse.rewrite serves another route under the requested URL', async () => {
    const response = await app.fetch('/rewrite-me/hello?q=world', { redirect: 'manual' })
    expect(response.status).toBe(200)
    expect(response.headers.get('location')).toBeNull()
    const $ = await app.render$('/rewrite-me/hello?q=world')
    expect($('#page').text()).toBe('Rewritten')
    expect($('#slug').text()).toBe('hello')
    expect($('#q').text()).toBe('world')
  })

  test('the proxy can answer by itself without reaching the app', async () => {
    const response = await app.fetch('/blocked')
    expect(response.status).toBe(403)
    expect(response.headers.get('x-blocked-by')).toBe('proxy')
    expect(await response.json()).toEqual({ blocked: true, reason: 'proxy' })
  })

  test('headers set on NextResponse.next() reach the client', async () => {
    const response = await app.fetch('/headers-page')
    expect(response.status).toBe(200)
    expect(response.headers.get('x-proxy-ran')).toBe('yes')
  })

  test('NextResponse.next({ request: { headers } }) passes headers to pages and route handlers', async () => {
    const $ = await app.render$('/headers-page')
    expect($('#from-proxy').text()).toBe('seen /headers-page')

    const echo = await app.fetch('/api/echo')
    expect(await echo.json()).toEqual({ fromProxy: 'seen /api/echo' })
  })

  test('a client cannot forge a header the proxy overrides', async () => {
    const $ = await app.render$('/headers-page', { headers: { 'x-from-proxy': 'forged' } })
    expect($('#from-proxy').text()).toBe('seen /headers-page')
  })

  test('the proxy reads request cookies and sets response cookies the page already sees', async () => {
    const first = await app.fetch('/cookies')
    const [setCookie] = first.headers.getSetCookie().filter((cookie) => cookie.startsWith('visits='))
    expect(setCookie).toMatch(/^visits=1;/)
    expect(setCookie).toMatch(/; HttpOnly/i)
    expect(await first.text()).toContain('<p id="visits">1</p>')

    const second = await app.fetch('/cookies', { headers: { cookie: 'visits=4' } })
    expect(second.headers.getSetCookie().find((cookie) => cookie.startsWith('visits='))).toMatch(/^visits=5;/)
    expect(await second.text()).toContain('<p id="visits">5</p>')
  })

  test('paths outside config.matcher are untouched by the proxy', async () => {
    const response = await app.fetch('/outside')
    expect(response.status).toBe(200)
    expect(response.headers.get('x-proxy-ran')).toBeNull()
    const $ = await app.render$('/outside')
    expect($('#page').text()).toBe('Outside')
    expect($('#from-proxy').text()).toBe('none')
  })

  test('client navigations follow proxy redirects and rewrites', async () => {
    const page = await app.browser('/')
    await page.markWindow()
    await page.click('#link-rewrite')
    await page.waitForText('#page', 'Rewritten')
    expect(await page.text('#slug')).toBe('hello')
    expect(page.url()).toBe('/rewrite-me/hello?q=world')

    await page.click('#link-old')
    await page.waitForText('#page', 'New page')
    await page.waitForUrl('/new-page?from=old')
    expect(await page.isWindowMarked()).toBe(true)
  })
})
