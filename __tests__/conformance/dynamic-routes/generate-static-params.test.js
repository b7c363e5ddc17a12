// Follows vercel/next.js test/e2e/app-dir/app-static/app-static.test.ts ("should handle
// dynamicParams: false correctly", "should have correct prerender-manifest entries",
// "should navigate to static path correctly").
import * as cheerio from 'cheerio'

import { useFixture } from '../harness/index.js'

const app = useFixture(new URL('./fixtures/generate-static-params', import.meta.url))

async function renderedAt(path) {
  const $ = await app.render$(path)
  return Number($('#rendered-at').text())
}

describe('dynamic-routes: generateStaticParams', () => {
  test('the build lists every generated path', () => {
    for (const path of ['/products/1', '/products/2', '/authors/ann', '/authors/bob', '/guides/en/setup', '/guides/en/deploy', '/guides/de/einrichtung']) {
      expect(app.buildOutput).toContain(path)
    }
  })

  test('a generated path is served from the prerender cache, rendered before the request', async () => {
    const requestedAt = Date.now()
    const response = await app.fetch('/products/1')
    expect(response.status).toBe(200)
    expect(response.headers.get('x-nextjs-cache')).toBe('HIT')
    const $ = cheerio.load(await response.text())
    expect($('#page').text()).toBe('Product 1')
    expect(Number($('#rendered-at').text())).toBeLessThan(requestedAt)
    // Served again unchanged.
    expect(await renderedAt('/products/1')).toBe(Number($('#rendered-at').text()))
  })

  test('with dynamicParams left at true, an unknown param renders on demand and is then cached', async () => {
    const requestedAt = Date.now()
    const first = await app.fetch('/products/77')
    expect(first.status).toBe(200)
    expect(first.headers.get('x-nextjs-cache')).toBe('MISS')
    const $first = cheerio.load(await first.text())
    expect($first('#page').text()).toBe('Product 77')
    const firstRenderedAt = Number($first('#rendered-at').text())
    expect(firstRenderedAt).toBeGreaterThanOrEqual(requestedAt)

    const second = await app.fetch('/products/77')
    expect(second.headers.get('x-nextjs-cache')).toBe('HIT')
    const $second = cheerio.load(await second.text())
    expect(Number($second('#rendered-at').text())).toBe(firstRenderedAt)
  })

  test('with dynamicParams = false, generated params render', async () => {
    for (const name of ['ann', 'bob']) {
      const response = await app.fetch(`/authors/${name}`)
      expect(response.status).toBe(200)
      const $ = cheerio.load(await response.text())
      expect($('#page').text()).toBe(`Author ${name}`)
    }
  })

  test('with dynamicParams = false, an unknown param is a 404', async () => {
    const response = await app.fetch('/authors/zoe')
    expect(response.status).toBe(404)
    const html = await response.text()
    expect(html).toContain('This page could not be found')
    expect(html).not.toContain('Author zoe')
  })

  test('a child generateStaticParams receives each params object of its parent segment', async () => {
    const requestedAt = Date.now()
    for (const path of ['/guides/en/setup', '/guides/en/deploy', '/guides/de/einrichtung']) {
      const response = await app.fetch(path)
      expect(response.headers.get('x-nextjs-cache')).toBe('HIT')
      const $ = cheerio.load(await response.text())
      expect(Number($('#rendered-at').text())).toBeLessThan(requestedAt)
    }
    const $ = await app.render$('/guides/de/einrichtung')
    expect($('#lang-layout').attr('data-lang')).toBe('de')
    expect($('#page').text()).toBe('Guide de/einrichtung')
  })

  test('a combination the parent and child did not generate renders on demand', async () => {
    const response = await app.fetch('/guides/de/deploy')
    expect(response.status).toBe(200)
    expect(response.headers.get('x-nextjs-cache')).toBe('MISS')
    const $ = cheerio.load(await response.text())
    expect($('#page').text()).toBe('Guide de/deploy')
  })

  test('client-side navigation to an unknown param with dynamicParams = false shows the 404 page', async () => {
    const page = await app.browser('/authors/bob')
    await page.click('#link-author-ann')
    await page.waitForText('#page', 'Author ann')
    await page.click('#link-author-unknown')
    await page.waitForText('h2', 'This page could not be found.')
    expect(await page.count('#page')).toBe(0)
    expect(page.url()).toBe('/authors/zoe')
  })
})
