// Follows vercel/next.js test/e2e/app-dir/app-static/app-static.test.ts (the
// generateStaticParams cases: dynamic-no-gen-params, gen-params-dynamic,
// gen-params-top-down-page, partial-gen-params, and the build output checks).
import * as cheerio from 'cheerio'

import { useFixture } from '../harness/index.js'

const app = useFixture(new URL('./fixtures/static-params', import.meta.url))

async function get(path) {
  const response = await app.fetch(path)
  const html = await response.text()
  const $ = cheerio.load(html)
  return {
    status: response.status,
    cache: response.headers.get('x-nextjs-cache'),
    cacheControl: response.headers.get('cache-control'),
    heading: $('#page').text(),
    renderedAt: $('#rendered-at').text(),
    lang: $('#lang-layout').attr('data-lang'),
    html,
  }
}

describe('caching: generateStaticParams', () => {
  test('generated params are prerendered and served from the cache', async () => {
    for (const id of ['alpha', 'beta']) {
      const first = await get(`/products/${id}`)
      expect(first).toMatchObject({ status: 200, cache: 'HIT', cacheControl: 's-maxage=31536000', heading: `Product ${id}` })
      expect((await get(`/products/${id}`)).renderedAt).toBe(first.renderedAt)
    }
  })

  test('dynamicParams = false answers 404 for a param that was not generated', async () => {
    const response = await get('/products/gamma')
    expect(response.status).toBe(404)
    expect(response.heading).toBe('')
    expect(response.html).toContain('This page could not be found.')
  })

  test('dynamicParams = false on a catch-all only accepts the generated segment lists', async () => {
    expect(await get('/docs/intro')).toMatchObject({ status: 200, cache: 'HIT', heading: 'Docs intro' })
    expect(await get('/docs/guide/setup')).toMatchObject({ status: 200, cache: 'HIT', heading: 'Docs guide > setup' })
    expect((await get('/docs/guide')).status).toBe(404)
    expect((await get('/docs/guide/setup/extra')).status).toBe(404)
  })

  test("a child's generateStaticParams receives each of its parent layout's params", async () => {
    for (const [lang, slug] of [['en', 'hello'], ['en', 'world'], ['fr', 'bonjour']]) {
      expect(await get(`/blog/${lang}/${slug}`)).toMatchObject({ status: 200, cache: 'HIT', heading: `${lang}/${slug}`, lang })
    }
  })

  test('with dynamicParams left on, a combination that was not generated renders on demand and is cached', async () => {
    const first = await get('/blog/fr/hello')
    expect(first).toMatchObject({ status: 200, cache: 'MISS', heading: 'fr/hello', lang: 'fr' })
    const second = await get('/blog/fr/hello')
    expect(second).toMatchObject({ status: 200, cache: 'HIT', renderedAt: first.renderedAt })
  })

  test('with dynamicParams left on, an id outside the generated ones renders on demand and is cached', async () => {
    const startedAt = Date.now()
    const first = await get('/items/2')
    expect(first).toMatchObject({ status: 200, cache: 'MISS', heading: 'Item 2', cacheControl: 's-maxage=31536000' })
    expect(Number(first.renderedAt)).toBeGreaterThanOrEqual(startedAt)
    const second = await get('/items/2')
    expect(second).toMatchObject({ cache: 'HIT', renderedAt: first.renderedAt })
    // The generated id was rendered before the server answered anything.
    const prerendered = await get('/items/1')
    expect(prerendered.cache).toBe('HIT')
    expect(Number(prerendered.renderedAt)).toBeLessThan(startedAt)
  })

  test('the build lists every generated path as SSG under its route', () => {
    const lines = app.buildOutput.split('\n')
    const ssgPaths = lines.map((line) => line.match(/● (\/\S+)/)?.[1]).filter(Boolean)
    expect(ssgPaths.sort()).toEqual(
      ['/blog/en/hello', '/blog/en/world', '/blog/fr/bonjour', '/docs/guide/setup', '/docs/intro', '/items/1', '/products/alpha', '/products/beta'].sort(),
    )
    // Each generated path is listed right under its route pattern.
    const routeIndex = lines.findIndex((line) => /\s\/products\/\[id\]\s*$/.test(line))
    expect(routeIndex).toBeGreaterThan(-1)
    expect(lines[routeIndex + 1]).toMatch(/● \/products\/alpha/)
    expect(lines[routeIndex + 2]).toMatch(/● \/products\/beta/)
  })
})
