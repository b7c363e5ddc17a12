// Follows vercel/next.js test/e2e/app-dir/headers-static-bailout/headers-static-bailout.test.ts,
// test/e2e/app-dir/draft-mode/draft-mode.test.ts and
// test/e2e/app-dir/dynamic-io/dynamic-io.connection.test.ts.
import { useFixture } from '../harness/index.js'

const app = useFixture(new URL('./fixtures/headers-cookies', import.meta.url))

// Set once the server answers: anything prerendered at build time is older.
let serverReadyAt
beforeAll(() => {
  serverReadyAt = Date.now()
})

function parseSetCookie(header) {
  const [pair, ...attributes] = header.split(/;\s*/)
  const separator = pair.indexOf('=')
  return {
    name: pair.slice(0, separator),
    value: pair.slice(separator + 1),
    attributes: attributes.map((attribute) => attribute.toLowerCase()),
  }
}

async function enableDraftMode() {
  const response = await app.fetch('/api/draft/enable')
  const cookie = response.headers
    .getSetCookie()
    .map(parseSetCookie)
    .find(({ name }) => name === '__prerender_bypass')
  return { response, cookie }
}

describe('request-apis: headers, cookies, draftMode and connection', () => {
  test('headers() in a server component reads the request headers', async () => {
    const $ = await app.render$('/headers', {
      headers: { 'x-test-header': 'hello from the test', 'user-agent': 'conformance-agent/1.0' },
    })
    expect($('#x-test-header').text()).toBe('hello from the test')
    expect($('#user-agent').text()).toBe('conformance-agent/1.0')

    const without = await app.render$('/headers')
    expect(without('#x-test-header').text()).toBe('missing')
  })

  test('a page reading headers() renders on every request', async () => {
    const first = await app.render$('/headers')
    const second = await app.render$('/headers')
    expect(first('#rendered-at').text()).not.toBe(second('#rendered-at').text())
  })

  test('cookies() in a server component reads the request cookies', async () => {
    const $ = await app.render$('/cookies', { headers: { cookie: 'theme=dark; session=abc; z=1' } })
    expect($('#theme').text()).toBe('dark')
    expect($('#has-session').text()).toBe('true')
    expect($('#names').text()).toBe('session,theme,z')

    const without = await app.render$('/cookies')
    expect(without('#theme').text()).toBe('none')
    expect(without('#has-session').text()).toBe('false')
  })

  test('a client navigation renders cookies() with the browser cookies', async () => {
    const page = await app.browser('/')
    await page.page.context().addCookies([{ name: 'theme', value: 'solarized', url: app.url('/') }])
    await page.markWindow()
    await page.click('#link-cookies')
    await page.waitForText('#page', 'Cookies')
    expect(await page.text('#theme')).toBe('solarized')
    expect(await page.isWindowMarked()).toBe(true)
  })

  test('draftMode().enable() in a route handler sets the __prerender_bypass cookie', async () => {
    const { response, cookie } = await enableDraftMode()
    expect(response.status).toBe(200)
    expect(await response.text()).toBe('draft enabled: true')
    expect(cookie).toBeDefined()
    expect(cookie.value.length).toBeGreaterThan(0)
    expect(cookie.attributes).toContain('path=/')
    expect(cookie.attributes).toContain('httponly')
  })

  test('without the draft cookie a static page is prerendered and isEnabled is false', async () => {
    const first = await app.render$('/draft')
    const second = await app.render$('/draft')
    expect(first('#draft-state').text()).toBe('disabled')
    expect(second('#random').text()).toBe(first('#random').text())
    expect(Number(first('#rendered-at').text())).toBeLessThan(serverReadyAt)
  })

  test('with the draft cookie the page renders per request and isEnabled is true', async () => {
    const { cookie } = await enableDraftMode()
    const headers = { cookie: `__prerender_bypass=${cookie.value}` }
    const first = await app.render$('/draft', { headers })
    const second = await app.render$('/draft', { headers })
    expect(first('#draft-state').text()).toBe('enabled')
    expect(second('#draft-state').text()).toBe('enabled')
    expect(second('#random').text()).not.toBe(first('#random').text())
    expect(Number(first('#rendered-at').text())).toBeGreaterThanOrEqual(serverReadyAt)
  })

  test('a draft cookie with a wrong value does not enable draft mode', async () => {
    const $ = await app.render$('/draft', { headers: { cookie: '__prerender_bypass=not-the-secret' } })
    expect($('#draft-state').text()).toBe('disabled')
  })

  test('draftMode().disable() expires the __prerender_bypass cookie', async () => {
    const { cookie } = await enableDraftMode()
    const response = await app.fetch('/api/draft/disable', { headers: { cookie: `__prerender_bypass=${cookie.value}` } })
    expect(await response.text()).toBe('draft disabled: true')
    const cleared = response.headers
      .getSetCookie()
      .map(parseSetCookie)
      .find(({ name }) => name === '__prerender_bypass')
    expect(cleared.value).toBe('')
    expect(cleared.attributes).toContain('expires=thu, 01 jan 1970 00:00:00 gmt')
  })

  test('connection() makes a page render on every request', async () => {
    const first = await app.render$('/connection')
    const second = await app.render$('/connection')
    expect(second('#random').text()).not.toBe(first('#random').text())
    expect(Number(first('#rendered-at').text())).toBeGreaterThanOrEqual(serverReadyAt)

    // The same markup without connection() is prerendered once.
    const staticFirst = await app.render$('/static-time')
    const staticSecond = await app.render$('/static-time')
    expect(staticSecond('#random').text()).toBe(staticFirst('#random').text())
    expect(Number(staticFirst('#rendered-at').text())).toBeLessThan(serverReadyAt)
  })
})
