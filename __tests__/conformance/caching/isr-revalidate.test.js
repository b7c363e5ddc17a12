// Follows vercel/next.js test/e2e/app-dir/app-static/app-static.test.ts (segment
// revalidate, force-dynamic and "should not revalidate / when revalidate is not used")
// and test/e2e/app-dir/revalidate-dynamic/revalidate-dynamic.test.ts.
import { setTimeout as sleep } from 'node:timers/promises'

import * as cheerio from 'cheerio'

import { eventually } from '../harness/eventually.js'
import { useFixture } from '../harness/index.js'

const app = useFixture(new URL('./fixtures/isr-revalidate', import.meta.url))

const NO_STORE = 'private, no-cache, no-store, max-age=0, must-revalidate'
const ONE_YEAR = 31536000

async function get(path) {
  const response = await app.fetch(path)
  const $ = cheerio.load(await response.text())
  return {
    status: response.status,
    cache: response.headers.get('x-nextjs-cache'),
    cacheControl: response.headers.get('cache-control'),
    renderedAt: $('#rendered-at').text(),
    random: $('#random').text(),
  }
}

/** Requests `path` until `predicate` holds for the response. */
const pollUntil = (path, predicate) => eventually(() => get(path), predicate, { timeoutMs: 30_000 })

describe('caching: ISR with segment revalidate', () => {
  test('a page without revalidate is served from the cache for a year and never changes', async () => {
    const first = await get('/static')
    expect(first.status).toBe(200)
    expect(first.cache).toBe('HIT')
    expect(first.cacheControl).toBe(`s-maxage=${ONE_YEAR}`)
    expect(first.random).not.toBe('')
    const second = await get('/static')
    expect(second.cache).toBe('HIT')
    expect(second.random).toBe(first.random)
  })

  test('a page with revalidate = 3 is cached with s-maxage=3 and a stale-while-revalidate window', async () => {
    const response = await get('/isr')
    expect(response.status).toBe(200)
    // The build-time render may already be older than 3 s when the first request arrives.
    expect(['HIT', 'STALE']).toContain(response.cache)
    expect(response.cacheControl).toBe(`s-maxage=3, stale-while-revalidate=${ONE_YEAR - 3}`)
  })

  test('after the revalidate window the stale page is served once, then the regenerated one', async () => {
    // Start from an entry regenerated less than a second ago, so most of its window is left.
    const fresh = await pollUntil('/isr', (result) => result.cache === 'HIT' && Date.now() - Number(result.renderedAt) < 1000)
    const again = await get('/isr')
    expect(again.cache).toBe('HIT')
    expect(again.random).toBe(fresh.random)

    await sleep(4000)
    const stale = await get('/isr')
    expect(stale.cache).toBe('STALE')
    expect(stale.random).toBe(again.random)

    const regenerated = await pollUntil('/isr', (result) => result.random !== stale.random)
    expect(Number(regenerated.renderedAt)).toBeGreaterThan(Number(stale.renderedAt))
    expect(regenerated.cacheControl).toBe(`s-maxage=3, stale-while-revalidate=${ONE_YEAR - 3}`)
  }, 60_000)

  test('revalidate = 0 renders on every request without the ISR cache', async () => {
    const first = await get('/dynamic')
    const second = await get('/dynamic')
    expect(first.status).toBe(200)
    expect(first.cache).toBeNull()
    expect(first.cacheControl).toBe(NO_STORE)
    expect(second.random).not.toBe(first.random)
  })

  test("dynamic = 'force-dynamic' renders on every request without the ISR cache", async () => {
    const first = await get('/force-dynamic')
    const second = await get('/force-dynamic')
    expect(first.status).toBe(200)
    expect(first.cache).toBeNull()
    expect(first.cacheControl).toBe(NO_STORE)
    expect(second.random).not.toBe(first.random)
  })

  test("dynamic = 'force-static' prerenders a page that reads headers and the query, with both empty", async () => {
    const first = await app.fetch('/force-static?q=1', { headers: { 'x-test': 'yes' } })
    const $ = cheerio.load(await first.text())
    expect(first.headers.get('x-nextjs-cache')).toBe('HIT')
    expect(first.headers.get('cache-control')).toBe(`s-maxage=${ONE_YEAR}`)
    expect($('#header').text()).toBe('none')
    expect($('#query').text()).toBe('{}')
    expect((await get('/force-static?q=2')).random).toBe($('#random').text())
  })

  test("a layout's lower revalidate wins over its page's", async () => {
    const response = await get('/layout-lower')
    expect(response.cache).toBe('HIT')
    expect(response.cacheControl).toBe(`s-maxage=30, stale-while-revalidate=${ONE_YEAR - 30}`)
  })

  test("a page's lower revalidate wins over its layout's", async () => {
    const response = await get('/page-lower')
    expect(response.cache).toBe('HIT')
    expect(response.cacheControl).toBe(`s-maxage=45, stale-while-revalidate=${ONE_YEAR - 45}`)
  })

  test('the build marks revalidating routes static with their revalidate time', () => {
    const routeLine = (route) => app.buildOutput.split('\n').find((line) => new RegExp(`[○●ƒ] ${route}(\\s|$)`).test(line))
    expect(routeLine('/isr')).toMatch(/○ \/isr\s+3s\s+1y/)
    expect(routeLine('/layout-lower')).toMatch(/○ \/layout-lower\s+30s\s+1y/)
    expect(routeLine('/static')).toMatch(/○ \/static\s*$/)
    expect(routeLine('/dynamic')).toMatch(/ƒ \/dynamic\s*$/)
    expect(routeLine('/force-dynamic')).toMatch(/ƒ \/force-dynamic\s*$/)
    expect(routeLine('/force-static')).toMatch(/○ \/force-static\s*$/)
  })
})
