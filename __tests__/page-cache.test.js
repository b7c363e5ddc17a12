// The ISR store under pressure: KV refusing writes, renders that throw, values and
// keys over KV's limits, racing regenerations, and reads after a tag revalidation.
// The caches run here in Node over an in-memory namespace with Workers KV's API.
import { jest } from '@jest/globals'

import { implicitTags } from '../lib/server/cache-tags.js'
import { DataCache } from '../lib/server/data-cache.js'
import { KvStore } from '../lib/server/kv-store.js'
import { PageCache, cacheKey, entryMetadata, isStale } from '../lib/server/page-cache.js'
import { expirePath, expireTags, settleRevalidations } from '../lib/server/revalidation.js'

/** Workers KV's API over a Map; `failWrites` makes `put` throw as KV does when rate-limited. */
class MemoryKv {
  constructor() {
    this.entries = new Map()
    this.puts = []
    this.failWrites = null
  }

  async getWithMetadata(key) {
    const entry = this.entries.get(key)
    if (!entry) return { value: null, metadata: null }
    return { value: entry.value.slice().buffer, metadata: structuredClone(entry.metadata) }
  }

  async put(key, value, options) {
    if (this.failWrites) throw this.failWrites
    this.puts.push(key)
    this.entries.set(key, { value: new Uint8Array(value), metadata: structuredClone(options?.metadata ?? null) })
  }

  async delete(key) {
    this.entries.delete(key)
  }

  async list({ prefix }) {
    const keys = [...this.entries].filter(([name]) => name.startsWith(prefix)).map(([name, { metadata }]) => ({ name, metadata }))
    return { keys, list_complete: true }
  }
}

const BUILD = 'build-1'
const encoder = new TextEncoder()
let pathCount = 0

/** A path no other test has used: the store remembers its own writes for a minute. */
function freshPath() {
  pathCount += 1
  return `/page-${pathCount}`
}

function entry(text, { revalidate = false, renderedAt = Date.now(), tags = [], build = BUILD } = {}) {
  const rendered = { status: 200, html: encoder.encode(`<p>${text}</p>`), flight: encoder.encode(`0:"${text}"`), rootLayout: 'app' }
  return { html: rendered.html, flight: rendered.flight, metadata: entryMetadata(rendered, { renderedAt, revalidate, build, tags }) }
}

const textOf = (found) => new TextDecoder().decode(found.html)

let kv
let cache
beforeEach(() => {
  kv = new MemoryKv()
  cache = new PageCache(new KvStore(kv), BUILD)
})
afterEach(() => jest.restoreAllMocks())

test('an entry is stored as one KV value with its freshness in the metadata, and read back whole', async () => {
  const path = freshPath()
  await cache.write(path, entry('hello', { revalidate: 5 }))
  expect(kv.puts).toEqual([`page:${path}`])
  const found = await new PageCache(new KvStore(kv), BUILD).read(path)
  expect(textOf(found)).toBe('<p>hello</p>')
  expect(new TextDecoder().decode(found.flight)).toBe('0:"hello"')
  expect(found.metadata).toMatchObject({ status: 200, revalidate: 5, build: BUILD })
})

test('a path too long for a KV key is stored under its hash', async () => {
  const path = `/${'segment/'.repeat(80)}end`
  const key = await cacheKey(path)
  expect(key).toMatch(/^page:#[0-9a-f]{64}$/)
  await cache.write(path, entry('long'))
  expect(kv.puts).toEqual([key])
  expect(textOf(await cache.read(path))).toBe('<p>long</p>')
})

test('KV answering 429 on a write loses nothing: the failure is logged and the page renders again', async () => {
  const error = jest.spyOn(console, 'error').mockImplementation(() => {})
  const path = freshPath()
  kv.failWrites = new Error('KV PUT failed: 429 Too Many Requests')
  await expect(cache.write(path, entry('first'))).resolves.toBeUndefined()
  expect(error).toHaveBeenCalledWith(expect.stringContaining(path), kv.failWrites)
  expect(await cache.read(path)).toBeNull()
})

test('a key is written at most once a second, as KV allows', async () => {
  const path = freshPath()
  await cache.write(path, entry('first'))
  await cache.write(path, entry('second'))
  expect(kv.puts).toHaveLength(1)
  expect(textOf(await cache.read(path))).toBe('<p>first</p>')
})

test('a value over 25 MiB is left out with a warning', async () => {
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => {})
  const huge = entry('x')
  huge.html = new Uint8Array(25 * 1024 * 1024 + 1)
  await cache.write(freshPath(), huge)
  expect(kv.puts).toEqual([])
  expect(warn).toHaveBeenCalledWith(expect.stringContaining("over KV's 25 MiB limit"))
})

test('a page rendered against another build is not served', async () => {
  const path = freshPath()
  await cache.write(path, entry('old', { build: 'build-0' }))
  expect(await cache.read(path)).toBeNull()
})

test('two requests racing to regenerate one page render it once', async () => {
  const path = freshPath()
  let release
  const render = jest.fn(() => new Promise((resolve) => (release = () => resolve(entry('new')))))
  const first = cache.regenerate(path, render)
  const second = cache.regenerate(path, render)
  expect(second).toBe(first)
  release()
  await Promise.all([first, second])
  expect(render).toHaveBeenCalledTimes(1)
  expect(textOf(await cache.read(path))).toBe('<p>new</p>')
})

test('a regeneration that throws keeps the old page and backs off before trying again', async () => {
  const error = jest.spyOn(console, 'error').mockImplementation(() => {})
  const path = freshPath()
  await cache.write(path, entry('old', { revalidate: 1, renderedAt: Date.now() - 5000 }))
  const failing = jest.fn(async () => {
    throw new Error('the data source is down')
  })
  await cache.regenerate(path, failing)
  expect(error).toHaveBeenCalledWith(expect.stringContaining('the cached page is kept'), expect.any(Error))
  const kept = await cache.read(path)
  expect(textOf(kept)).toBe('<p>old</p>')
  expect(isStale(kept.metadata)).toBe(true)
  // Within the back-off, a second stale request does not render again.
  await cache.regenerate(path, failing)
  expect(failing).toHaveBeenCalledTimes(1)
})

test("after revalidateTag with 'max' the page is read stale, and with expire 0 it is gone", async () => {
  const tagged = freshPath()
  const other = freshPath()
  await cache.write(tagged, entry('tagged', { tags: ['catalog'] }))
  await cache.write(other, entry('other', { tags: ['prices'] }))
  const store = { cache: { kv: new KvStore(kv) }, pendingRevalidations: [] }

  expireTags(store, ['catalog'], 'max')
  await settleRevalidations(store)
  const stale = await cache.read(tagged)
  expect(textOf(stale)).toBe('<p>tagged</p>')
  expect(isStale(stale.metadata)).toBe(true)
  expect(isStale((await cache.read(other)).metadata)).toBe(false)

  expireTags(store, ['catalog'], { expire: 0 })
  await settleRevalidations(store)
  expect(await cache.read(tagged)).toBeNull()
  expect(textOf(await cache.read(other))).toBe('<p>other</p>')
})

test("revalidatePath with 'layout' expires every page under that layout, and only those", async () => {
  await cache.write('/shop/1', entry('shop 1', { tags: implicitTags('/shop/[id]', '/shop/1') }))
  await cache.write('/about', entry('about', { tags: implicitTags('/about', '/about') }))
  const store = { cache: { kv: new KvStore(kv) }, pendingRevalidations: [] }
  expirePath(store, '/shop', 'layout')
  await settleRevalidations(store)
  expect(await cache.read('/shop/1')).toBeNull()
  expect(textOf(await cache.read('/about'))).toBe('<p>about</p>')
})

test('cached data is reused, then served once more while it refreshes after its window', async () => {
  const background = []
  const data = new DataCache(new KvStore(kv), (promise) => background.push(promise))
  let version = 0
  const compute = jest.fn(async () => encoder.encode(`v${++version}`))
  const read = async () => new TextDecoder().decode(await data.get(['test', 'refresh'], compute, { revalidate: 1, tags: [] }))
  expect(await read()).toBe('v1')
  await Promise.all(background)
  expect(await read()).toBe('v1')
  expect(compute).toHaveBeenCalledTimes(1)

  // Past the window: the old datum once more, and a refresh after the response.
  jest.spyOn(Date, 'now').mockReturnValue(Date.now() + 2000)
  expect(await read()).toBe('v1')
  await Promise.all(background)
  expect(compute).toHaveBeenCalledTimes(2)
  expect(await read()).toBe('v2')
})
