// Follows vercel/next.js test/e2e/app-dir/not-found/basic/index.test.ts ("should use the
// not-found page for non-matching routes", "should match dynamic route not-found boundary
// correctly", "should escalate notFound to parent layout if no not-found boundary present in
// current layer") and test/e2e/app-dir/app/index.test.ts ("should not serve when layout is
// provided but no folder index").
import * as cheerio from 'cheerio'

import { useFixture } from '../harness/index.js'

const app = useFixture(new URL('./fixtures/not-found', import.meta.url))

const NOINDEX = '<meta name="robots" content="noindex"/>'

describe('rendering: not-found', () => {
  test('an unknown URL answers 404 with app/not-found.js inside the root layout', async () => {
    for (const path of ['/nowhere', '/deep/nowhere/at/all']) {
      const response = await app.fetch(path)
      expect(response.status).toBe(404)
      const $ = cheerio.load(await response.text())
      expect($('#root-layout > #not-found').text()).toBe('Custom root not found')
    }
  })

  test('a folder with a layout but no page is not a route', async () => {
    const response = await app.fetch('/products')
    expect(response.status).toBe(404)
    expect(await response.text()).toContain('Custom root not found')
  })

  test('not-found responses carry a noindex robots meta tag; normal pages do not', async () => {
    expect(await (await app.fetch('/nowhere')).text()).toContain(NOINDEX)
    expect(await (await app.fetch('/products/999')).text()).toContain(NOINDEX)
    const ok = await app.fetch('/products/1')
    expect(ok.status).toBe(200)
    expect(await ok.text()).not.toContain('name="robots"')
  })

  test('notFound() from a page answers 404 and renders the closest not-found.js', async () => {
    const response = await app.fetch('/products/999')
    expect(response.status).toBe(404)
    const page = await app.browser('/products/999')
    await page.waitForText('#products-not-found', 'Product not found')
    expect(await page.count('#root-layout #products-layout #products-not-found')).toBe(1)
    expect(await page.count('#not-found')).toBe(0)
  })

  test('notFound() without a not-found.js in its segment escalates to the root one', async () => {
    const response = await app.fetch('/articles')
    expect(response.status).toBe(404)
    const page = await app.browser('/articles')
    await page.waitForText('#not-found', 'Custom root not found')
    expect(await page.count('#root-layout #not-found')).toBe(1)
  })

  test('notFound() after the shell has streamed keeps status 200 but adds noindex', async () => {
    const response = await app.fetch('/streamed/missing')
    expect(response.status).toBe(200)
    const html = await response.text()
    expect(html).toContain('<p id="loading">Loading...</p>')
    expect(html).toContain(NOINDEX)
    const known = await app.fetch('/streamed/known')
    expect(await known.text()).not.toContain('name="robots"')

    const page = await app.browser('/streamed/missing')
    await page.waitForText('#not-found', 'Custom root not found')
    expect(await page.count('#loading')).toBe(0)
  })

  test('client-side navigation to a page calling notFound() shows the segment not-found UI', async () => {
    const page = await app.browser('/products/1')
    await page.markWindow()
    await page.click('#link-product-missing')
    await page.waitForText('#products-not-found', 'Product not found')
    expect(await page.count('#products-layout #products-not-found')).toBe(1)
    expect(page.url()).toBe('/products/999')
    expect(await page.isWindowMarked()).toBe(true)
  })

  test('client-side navigation to an unknown URL shows the root not-found UI', async () => {
    const page = await app.browser('/')
    await page.click('#link-nowhere')
    await page.waitForText('#not-found', 'Custom root not found')
    expect(page.url()).toBe('/nowhere')
    // Back to a real page afterwards.
    await page.click('#link-product-1')
    await page.waitForText('#page', 'Teapot')
    expect(await page.count('#not-found')).toBe(0)
  })
})
