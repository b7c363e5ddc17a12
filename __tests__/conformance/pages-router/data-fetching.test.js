// Follows vercel/next.js test/e2e/getserversideprops/test/index.test.ts (params and query,
// the data route, client-side navigation) and test/e2e/prerender.test.ts (getStaticProps
// revalidate, getStaticPaths fallback: false / 'blocking' / true, notFound).
import { setTimeout as sleep } from 'node:timers/promises'

import * as cheerio from 'cheerio'

import { eventually } from '../harness/eventually.js'
import { useFixture } from '../harness/index.js'

const app = useFixture(new URL('./fixtures/data-fetching', import.meta.url))

const NO_STORE = 'private, no-cache, no-store, max-age=0, must-revalidate'

async function get(path) {
  const response = await app.fetch(path)
  const $ = cheerio.load(await response.text())
  return {
    status: response.status,
    cache: response.headers.get('x-nextjs-cache'),
    cacheControl: response.headers.get('cache-control'),
    heading: $('#page').text(),
    fallback: $('#fallback').text(),
    renderedAt: $('#rendered-at').text(),
    random: $('#random').text(),
    nextData: JSON.parse($('#__NEXT_DATA__').text() || 'null'),
  }
}

/** Requests `path` until `predicate` holds for the response. */
const pollUntil = (path, predicate) => eventually(() => get(path), predicate)

describe('pages-router: data fetching', () => {
  test('getServerSideProps runs on every request with the params and the query', async () => {
    const first = await get('/gssp/7?q=hello')
    expect(first).toMatchObject({ status: 200, cache: null, cacheControl: NO_STORE, heading: 'gSSP 7' })
    expect(first.nextData.props.pageProps).toMatchObject({ id: '7', q: 'hello', method: 'GET' })
    expect(first.nextData.page).toBe('/gssp/[id]')
    expect(first.nextData.query).toEqual({ id: '7', q: 'hello' })
    expect(first.nextData.gssp).toBe(true)
    const second = await get('/gssp/7?q=hello')
    expect(second.random).not.toBe(first.random)
  })

  test('the data route answers getServerSideProps props as JSON', async () => {
    const { nextData } = await get('/')
    const response = await app.fetch(`/_next/data/${nextData.buildId}/gssp/5.json?q=json`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^application\/json/)
    expect(response.headers.get('cache-control')).toBe(NO_STORE)
    const body = await response.json()
    expect(body.__N_SSP).toBe(true)
    expect(body.pageProps).toMatchObject({ id: '5', q: 'json', method: 'GET' })
  })

  test('client-side navigation to a getServerSideProps page fetches its props', async () => {
    const page = await app.browser('/')
    await page.markWindow()
    await page.click('#link-gssp')
    await page.waitForText('#page', 'gSSP 42')
    expect(await page.text('#q')).toBe('from-link')
    expect(page.url()).toBe('/gssp/42?q=from-link')
    expect(await page.isWindowMarked()).toBe(true)
  })

  test('getStaticProps with revalidate serves the cached page, then regenerates it after the window', async () => {
    const first = await get('/isr')
    expect(first.status).toBe(200)
    expect(['HIT', 'STALE']).toContain(first.cache)
    expect(first.cacheControl).toBe(`s-maxage=3, stale-while-revalidate=${31536000 - 3}`)

    // From a render less than a second old, wait past the window.
    const fresh = await pollUntil('/isr', (result) => result.cache === 'HIT' && Date.now() - Number(result.renderedAt) < 1000)
    await sleep(4000)
    const stale = await get('/isr')
    expect(stale).toMatchObject({ cache: 'STALE', random: fresh.random })
    const regenerated = await pollUntil('/isr', (result) => result.random !== fresh.random)
    expect(Number(regenerated.renderedAt)).toBeGreaterThan(Number(fresh.renderedAt))
  }, 60_000)

  test('getStaticPaths with fallback: false prerenders its paths and answers 404 for others', async () => {
    const known = await get('/static-paths/a')
    expect(known).toMatchObject({ status: 200, cache: 'HIT', cacheControl: 's-maxage=31536000', heading: 'Static path a' })
    expect(known.nextData.isFallback).toBe(false)
    expect((await get('/static-paths/b')).heading).toBe('Static path b')
    const unknown = await get('/static-paths/c')
    expect(unknown.status).toBe(404)
    expect(unknown.heading).toBe('')
  })

  test("fallback: 'blocking' renders an unknown path in full on its first request and caches it", async () => {
    const startedAt = Date.now()
    const first = await get('/blocking/fresh')
    expect(first).toMatchObject({ status: 200, cache: 'MISS', heading: 'Blocking fresh', fallback: '' })
    expect(Number(first.renderedAt)).toBeGreaterThanOrEqual(startedAt)
    expect(await get('/blocking/fresh')).toMatchObject({ status: 200, cache: 'HIT', renderedAt: first.renderedAt })
    // notFound from getStaticProps is a 404.
    expect((await get('/blocking/missing')).status).toBe(404)
  })

  test('fallback: true serves the fallback for an unknown path, then the generated page', async () => {
    const fallback = await get('/fallback/late')
    expect(fallback).toMatchObject({ status: 200, cacheControl: NO_STORE, fallback: 'Loading fallback', heading: '' })
    expect(fallback.nextData.isFallback).toBe(true)

    // The browser renders the fallback, fetches the props, then renders the page.
    const page = await app.browser('/fallback/late')
    await page.waitForText('#page', 'Fallback late')
    expect(await page.count('#fallback')).toBe(0)
    const renderedAt = await page.text('#rendered-at')

    const generated = await pollUntil('/fallback/late', (result) => result.heading !== '')
    expect(generated).toMatchObject({ status: 200, cache: 'HIT', heading: 'Fallback late', renderedAt })
  })

  test('the build lists SSG paths, the ISR revalidate time and the getServerSideProps page', () => {
    const lines = app.buildOutput.split('\n')
    const line = (pattern) => lines.find((text) => pattern.test(text))
    expect(line(/ \/gssp\/\[id\]/)).toMatch(/ƒ \/gssp\/\[id\]/)
    expect(line(/ \/isr\b/)).toMatch(/● \/isr\b.*\s3s\s+1y/)
    for (const path of ['/static-paths/a', '/static-paths/b', '/blocking/known', '/fallback/known']) {
      expect(line(new RegExp(` ${path}\\b`))).toMatch(new RegExp(`● ${path}\\b`))
    }
  })
})
