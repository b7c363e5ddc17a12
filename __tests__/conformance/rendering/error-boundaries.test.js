// Follows vercel/next.js test/e2e/app-dir/errors/index.test.ts ("should trigger error
// component when an error happens during server components rendering", "should allow
// resetting error boundary", "should log the original RSC error trace in production") and
// test/e2e/app-dir/global-error/layout-error/index.test.ts.
import { useFixture } from '../harness/index.js'

const app = useFixture(new URL('./fixtures/error-boundaries', import.meta.url))

// React's production client replaces a Server Component error's message with its error
// #441 ("An error occurred in the Server Components render. The specific message is
// omitted in production builds..."), minified or spelled out depending on the build.
const PRODUCTION_SERVER_ERROR = /^(Minified React error #441;|An error occurred in the Server Components render\. The specific message is omitted in production builds)/

/** Waits (up to 10 s) until the server's output contains `text`. */
async function waitForServerOutput(text) {
  const deadline = Date.now() + 10_000
  while (!app.serverOutput.includes(text) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100))
  expect(app.serverOutput).toContain(text)
}

describe('rendering: error boundaries', () => {
  test('a server component error answers 500, noindex, without leaking the message', async () => {
    const response = await app.fetch('/server-error')
    expect(response.status).toBe(500)
    const html = await response.text()
    expect(html).toContain('<meta name="robots" content="noindex"/>')
    expect(html).not.toContain('secret server message')
  })

  test('error.js shows the production message and a digest instead of the server message', async () => {
    const page = await app.browser('/server-error')
    await page.waitFor('#server-error-boundary')
    expect(await page.text('#error-message')).toMatch(PRODUCTION_SERVER_ERROR)
    const digest = await page.text('#error-digest')
    expect(digest).toMatch(/^\w+$/)
    expect(await page.eval(() => document.body.textContent)).not.toContain('secret server message')
    // The server logs the original error under the same digest.
    await waitForServerOutput(`digest: '${digest}'`)
    expect(app.serverOutput).toContain('Error: secret server message')
  })

  test('error.js catches an error thrown while rendering a client component, with its message', async () => {
    const page = await app.browser('/client-error')
    await page.click('#trigger')
    await page.waitForText('#error-message', 'An error occurred: client render failed')
    expect(await page.count('#trigger')).toBe(0)
    expect(await page.count('#root-layout #client-error-boundary')).toBe(1)
  })

  test('reset() re-renders the segment, repeatedly', async () => {
    const page = await app.browser('/client-error')
    for (let attempt = 0; attempt < 3; attempt++) {
      await page.click('#trigger')
      await page.waitFor('#client-error-boundary')
      await page.click('#reset')
      await page.waitForText('#trigger', 'Trigger error')
      expect(await page.count('#client-error-boundary')).toBe(0)
    }
  })

  test('a nested error boundary replaces only its own subtree', async () => {
    const page = await app.browser('/nested/broken')
    await page.waitForText('#nested-error', 'Nested error boundary')
    expect(await page.count('#root-layout #nested-layout #nested-error')).toBe(1)
    expect(await page.text('#nested-sidebar')).toBe('Nested sidebar')
    expect(await page.count('#root-error')).toBe(0)
  })

  test("an error in a layout is caught by the parent segment's error.js, not its own", async () => {
    expect((await app.fetch('/nested/broken-layout')).status).toBe(500)
    const page = await app.browser('/nested/broken-layout')
    await page.waitForText('#nested-error', 'Nested error boundary')
    expect(await page.count('#same-segment-error')).toBe(0)
    expect(await page.count('#nested-layout #nested-sidebar')).toBe(1)
  })

  test('client-side navigation into and out of a failing page stays client-side', async () => {
    const page = await app.browser('/nested/ok')
    await page.markWindow()
    await page.click('#link-broken')
    await page.waitForText('#nested-error', 'Nested error boundary')
    await page.click('#link-ok')
    await page.waitForText('#page', 'Nested OK')
    expect(await page.count('#nested-error')).toBe(0)
    expect(await page.isWindowMarked()).toBe(true)
  })

  test('global-error.js replaces the whole document when the root layout throws', async () => {
    const response = await app.fetch('/nested/ok', { headers: { cookie: 'crash-root-layout=1' } })
    expect(response.status).toBe(500)
    expect(await response.text()).not.toContain('root layout exploded')

    const page = await app.browser('/')
    await page.page.context().addCookies([{ name: 'crash-root-layout', value: '1', url: app.url('/') }])
    await page.goto('/nested/ok')
    await page.waitForText('#global-error', 'Global error boundary')
    expect(await page.text('#global-error-digest')).toMatch(/^\w+$/)
    expect(await page.count('#root-layout')).toBe(0)
  })
})
