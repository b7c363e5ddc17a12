// Follows vercel/next.js test/e2e/app-dir/navigation/navigation.test.ts ("redirect":
// "should redirect in a server component", "should redirect client-side", "should redirect
// with permanentRedirect") and test/e2e/app-dir/app-routes/app-custom-routes.test.ts
// ("redirect": "can respond correctly").
import * as cheerio from 'cheerio'

import { useFixture } from '../harness/index.js'

const app = useFixture(new URL('./fixtures/redirects', import.meta.url))

describe('rendering: redirects', () => {
  test('redirect() in a server component answers 307 with the target in location', async () => {
    const response = await app.fetch('/old', { redirect: 'manual' })
    expect(response.status).toBe(307)
    expect(response.headers.get('location')).toBe('/new?from=old')
  })

  test('permanentRedirect() answers 308', async () => {
    const response = await app.fetch('/moved', { redirect: 'manual' })
    expect(response.status).toBe(308)
    expect(response.headers.get('location')).toBe('/new?from=moved')
  })

  test('a conditional redirect() only fires when its condition holds', async () => {
    const redirected = await app.fetch('/guard', { redirect: 'manual' })
    expect(redirected.status).toBe(307)
    expect(redirected.headers.get('location')).toBe('/login?next=%2Fguard')

    const allowed = await app.fetch('/guard?token=letmein', { redirect: 'manual' })
    expect(allowed.status).toBe(200)
    expect(await allowed.text()).toContain('Guarded content')
  })

  test('redirect() to an absolute URL keeps it as is', async () => {
    const response = await app.fetch('/external', { redirect: 'manual' })
    expect(response.status).toBe(307)
    expect(response.headers.get('location')).toBe('https://example.com/landing?ref=app')
  })

  test('redirect() in a route handler answers 307', async () => {
    const response = await app.fetch('/api/go', { redirect: 'manual' })
    expect(response.status).toBe(307)
    expect(response.headers.get('location')).toBe('/new?from=route')
  })

  test('NextResponse.redirect() in a route handler answers 307 with an absolute URL', async () => {
    const response = await app.fetch('/api/response-redirect', { redirect: 'manual' })
    expect(response.status).toBe(307)
    const location = new URL(response.headers.get('location'))
    expect(location.pathname + location.search).toBe('/new?from=response')
  })

  test('following a redirect lands on the rendered target page', async () => {
    const response = await app.fetch('/old')
    expect(new URL(response.url).pathname + new URL(response.url).search).toBe('/new?from=old')
    const $ = cheerio.load(await response.text())
    expect($('#page').text()).toBe('New page')
    expect($('#from').text()).toBe('old')
  })

  test('client-side navigation to a redirecting page ends at the target without a reload', async () => {
    const page = await app.browser('/')
    await page.markWindow()
    await page.click('#link-old')
    await page.waitForText('#page', 'New page')
    await page.waitForUrl('/new?from=old')
    expect(await page.text('#from')).toBe('old')
    expect(await page.isWindowMarked()).toBe(true)
    // The redirecting URL is replaced, so back returns to the page that linked to it.
    await page.back()
    await page.waitForText('#page', 'Home')
    expect(page.url()).toBe('/')
  })

  test('client-side navigation follows permanentRedirect() and conditional redirects', async () => {
    const page = await app.browser('/')
    await page.markWindow()
    await page.click('#link-moved')
    await page.waitForUrl('/new?from=moved')
    await page.waitForText('#from', 'moved')
    expect(await page.isWindowMarked()).toBe(true)
    await page.goto('/')
    await page.click('#link-guard')
    await page.waitForUrl('/login?next=%2Fguard')
    await page.waitForText('#next', '/guard')
  })
})
