// Follows vercel/next.js test/e2e/app-dir/app-static/app-static.test.ts (force-cache,
// no-store, fetch revalidate and tagged fetch cases, "should revalidate correctly with
// config and fetch revalidate") and
// test/e2e/app-dir/app-fetch-deduping/app-fetch-deduping.test.ts.
import { createServer } from 'node:http'
import { setTimeout as sleep } from 'node:timers/promises'

import * as cheerio from 'cheerio'

import { eventually } from '../harness/eventually.js'
import { useFixture } from '../harness/index.js'

// A data server that counts its requests per key; up during the build and the tests.
const counts = new Map()
let dataServer
beforeAll(async () => {
  dataServer = createServer((request, response) => {
    const key = request.url.replace('/count/', '')
    counts.set(key, (counts.get(key) ?? 0) + 1)
    response.setHeader('content-type', 'application/json')
    response.end(JSON.stringify({ key, count: counts.get(key) }))
  })
  await new Promise((resolve) => dataServer.listen(0, '127.0.0.1', resolve))
})

const app = useFixture(new URL('./fixtures/fetch-cache', import.meta.url), {
  env: () => ({ DATA_SERVER_URL: `http://127.0.0.1:${dataServer.address().port}` }),
})

afterAll(async () => {
  dataServer.closeAllConnections()
  await new Promise((resolve) => dataServer.close(resolve))
})

const NO_STORE = 'private, no-cache, no-store, max-age=0, must-revalidate'

async function get(path) {
  const response = await app.fetch(path)
  expect(response.status).toBe(200)
  const $ = cheerio.load(await response.text())
  return {
    cache: response.headers.get('x-nextjs-cache'),
    cacheControl: response.headers.get('cache-control'),
    count: Number($('#count').text()),
    random: $('#random').text(),
  }
}

/** Requests `path` until `predicate` holds for the response. */
const pollUntil = (path, predicate) => eventually(() => get(path), predicate)

describe('caching: fetch cache', () => {
  test('a force-cache fetch in a static page is made at build time only', async () => {
    const buildCount = counts.get('force-cache-static')
    expect(buildCount).toBeGreaterThanOrEqual(1)
    const first = await get('/force-cache-static')
    const second = await get('/force-cache-static')
    expect(first).toMatchObject({ cache: 'HIT', count: buildCount })
    expect(second).toMatchObject({ cache: 'HIT', count: buildCount, random: first.random })
    expect(counts.get('force-cache-static')).toBe(buildCount)
  })

  test('a force-cache fetch in a dynamic page is reused across renders', async () => {
    const first = await get('/force-cache')
    const second = await get('/force-cache')
    const third = await get('/force-cache')
    expect(first.cache).toBeNull()
    expect(first.cacheControl).toBe(NO_STORE)
    // The page renders every time, its fetch reaches the data server once.
    expect(new Set([first.random, second.random, third.random]).size).toBe(3)
    expect(first.count).toBe(1)
    expect([second.count, third.count]).toEqual([1, 1])
    expect(counts.get('force-cache')).toBe(1)
  })

  test('a fetch with next.revalidate is reused within its window and refreshed in the background after it', async () => {
    const first = await get('/revalidate-fetch')
    const countAfterFirst = counts.get('revalidate-fetch')
    expect(first.count).toBe(countAfterFirst)
    expect((await get('/revalidate-fetch')).count).toBe(first.count)
    expect(counts.get('revalidate-fetch')).toBe(countAfterFirst)

    await sleep(6000)
    // The expired entry is still served once while the data is fetched again.
    const stale = await get('/revalidate-fetch')
    expect(stale.count).toBe(first.count)
    const refreshed = await pollUntil('/revalidate-fetch', (result) => result.count !== first.count)
    expect(refreshed.count).toBe(first.count + 1)
    expect(counts.get('revalidate-fetch')).toBe(first.count + 1)
  }, 60_000)

  test('a tagged fetch is cached until revalidateTag', async () => {
    const before = await get('/tagged-fetch')
    expect((await get('/tagged-fetch')).count).toBe(before.count)
    expect(counts.get('tagged-fetch')).toBe(before.count)

    const response = await app.fetch('/api/revalidate?tag=items', { method: 'POST' })
    expect(await response.json()).toEqual({ revalidated: true, tag: 'items' })
    const after = await get('/tagged-fetch')
    expect(after.count).toBe(before.count + 1)
    expect((await get('/tagged-fetch')).count).toBe(before.count + 1)
    expect(counts.get('tagged-fetch')).toBe(before.count + 1)
  })

  test('a no-store fetch makes the page dynamic and reaches the data server on every request', async () => {
    const first = await get('/no-store')
    const second = await get('/no-store')
    expect(first.cache).toBeNull()
    expect(first.cacheControl).toBe(NO_STORE)
    expect(second.count).toBe(first.count + 1)
    expect(counts.get('no-store')).toBe(second.count)
  })

  test('identical fetches in one render are made once', async () => {
    const $ = await app.render$('/dedupe')
    const count = Number($('#first').text())
    expect(count).toBeGreaterThanOrEqual(1)
    expect(Number($('#second').text())).toBe(count)
    expect(counts.get('dedupe')).toBe(count)
  })

  test('the build lists the force-cache page as static and the others as dynamic', () => {
    const symbolOf = (route) => app.buildOutput.match(new RegExp(`([○ƒ]) ${route}\\s*$`, 'm'))?.[1]
    expect(symbolOf('/force-cache-static')).toBe('○')
    expect(symbolOf('/force-cache')).toBe('ƒ')
    expect(symbolOf('/no-store')).toBe('ƒ')
    expect(symbolOf('/revalidate-fetch')).toBe('ƒ')
  })
})
