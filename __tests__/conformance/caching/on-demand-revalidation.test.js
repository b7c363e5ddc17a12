// Follows vercel/next.js test/e2e/app-dir/app-static/app-static.test.ts ("it should
// revalidate correctly with $type" for revalidatePath, "it should revalidate tag correctly
// with $type", "should revalidate all fetches during on-demand revalidate", the
// unstable_cache cases) and test/e2e/app-dir/revalidatetag-rsc/revalidatetag-rsc.test.ts.

import * as cheerio from 'cheerio'

import { eventually } from '../harness/eventually.js'
import { useFixture } from '../harness/index.js'

const app = useFixture(new URL('./fixtures/on-demand-revalidation', import.meta.url))

async function get(path) {
  const response = await app.fetch(path)
  const $ = cheerio.load(await response.text())
  return { status: response.status, cache: response.headers.get('x-nextjs-cache'), data: $('#data').text(), random: $('#random').text() }
}

async function revalidate(query) {
  const response = await app.fetch(`/api/revalidate?${query}`, { method: 'POST' })
  expect(response.status).toBe(200)
  expect(await response.json()).toMatchObject({ revalidated: true })
}

/** Requests `path` until `predicate` holds for the response. */
const pollUntil = (path, predicate) => eventually(() => get(path), predicate)

describe('caching: on-demand revalidation', () => {
  test('a prerendered page keeps its build-time render until revalidatePath', async () => {
    const before = await get('/revalidate-path')
    expect(before.cache).toBe('HIT')
    expect((await get('/revalidate-path')).random).toBe(before.random)

    await revalidate('path=/revalidate-path')
    const after = await get('/revalidate-path')
    // The entry is expired at once: the next request renders it anew.
    expect(after.cache).toBe('MISS')
    expect(after.random).not.toBe(before.random)
    const cachedAgain = await get('/revalidate-path')
    expect(cachedAgain.cache).toBe('HIT')
    expect(cachedAgain.random).toBe(after.random)
  })

  test('revalidatePath of one dynamic path leaves its siblings and other pages cached', async () => {
    const post1 = await pollUntil('/posts/1', (result) => result.cache === 'HIT')
    const post2 = await pollUntil('/posts/2', (result) => result.cache === 'HIT')
    const untouched = await pollUntil('/untouched', (result) => result.cache === 'HIT')

    await revalidate('path=/posts/1')
    const post1After = await get('/posts/1')
    expect(post1After.random).not.toBe(post1.random)
    expect(await get('/posts/2')).toMatchObject({ cache: 'HIT', random: post2.random })
    expect(await get('/untouched')).toMatchObject({ cache: 'HIT', random: untouched.random })
  })

  test("revalidatePath of a route pattern with type 'page' revalidates every path of it", async () => {
    const post1 = await pollUntil('/posts/1', (result) => result.cache === 'HIT')
    const post2 = await pollUntil('/posts/2', (result) => result.cache === 'HIT')
    const untouched = await pollUntil('/untouched', (result) => result.cache === 'HIT')

    await revalidate(`path=${encodeURIComponent('/posts/[id]')}&type=page`)
    expect((await get('/posts/1')).random).not.toBe(post1.random)
    expect((await get('/posts/2')).random).not.toBe(post2.random)
    expect(await get('/untouched')).toMatchObject({ cache: 'HIT', random: untouched.random })
  })

  test("revalidateTag with the 'max' profile serves the stale page once, then the regenerated one", async () => {
    const before = await pollUntil('/tagged', (result) => result.cache === 'HIT')
    expect(before.data).not.toBe('')

    await revalidate('tag=catalog')
    const stale = await get('/tagged')
    expect(stale).toMatchObject({ cache: 'STALE', data: before.data, random: before.random })

    const regenerated = await pollUntil('/tagged', (result) => result.random !== before.random)
    expect(regenerated.data).not.toBe(before.data)
    expect(await get('/tagged')).toMatchObject({ cache: 'HIT', data: regenerated.data, random: regenerated.random })
  })

  test('revalidateTag with expire 0 makes the next request render fresh data', async () => {
    const before = await pollUntil('/tagged-expire', (result) => result.cache === 'HIT')

    await revalidate('tag=inventory&expire=0')
    const after = await get('/tagged-expire')
    expect(after.cache).toBe('MISS')
    expect(after.data).not.toBe(before.data)
    expect(after.random).not.toBe(before.random)
  })

  test('unstable_cache keeps data across renders of a dynamic page until its tag is revalidated', async () => {
    const first = await get('/tagged-dynamic')
    const second = await get('/tagged-dynamic')
    expect(first.cache).toBeNull()
    expect(second.random).not.toBe(first.random)
    expect(second.data).toBe(first.data)

    await revalidate('tag=prices&expire=0')
    const after = await get('/tagged-dynamic')
    expect(after.data).not.toBe(first.data)
    expect((await get('/tagged-dynamic')).data).toBe(after.data)
  })

  test("revalidatePath('/', 'layout') revalidates every page under the root layout", async () => {
    const untouched = await pollUntil('/untouched', (result) => result.cache === 'HIT')
    const post2 = await pollUntil('/posts/2', (result) => result.cache === 'HIT')

    await revalidate('path=/&type=layout')
    expect((await get('/untouched')).random).not.toBe(untouched.random)
    expect((await get('/posts/2')).random).not.toBe(post2.random)
  })

  test('the revalidation route handler answers only the methods it exports', async () => {
    expect((await app.fetch('/api/revalidate')).status).toBe(405)
    const response = await app.fetch('/api/revalidate', { method: 'POST' })
    expect(response.status).toBe(400)
    expect(await response.json()).toEqual({ error: 'pass path or tag' })
  })
})
