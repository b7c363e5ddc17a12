// Follows vercel/next.js test/e2e/app-dir/app/index.test.ts ("Loading": "should render
// loading.js in initial html for slow page", "should render loading.js in browser for slow
// page") and test/e2e/app-dir/rsc-basic/rsc-basic.test.ts (streaming Suspense boundaries).
import { createServer } from 'node:http'

import * as cheerio from 'cheerio'

import { useFixture } from '../harness/index.js'

/**
 * An HTTP server the fixture's pages await: `GET /wait/<key>` answers only once the test
 * calls `release(key)`, so each test decides when a streamed part may finish.
 */
class Gate {
  constructor() {
    this.released = new Set()
    this.waiting = new Map() // key -> pending responses
    this.seen = new Map() // key -> resolvers of `requested(key)`
    this.server = createServer((request, response) => {
      const key = decodeURIComponent(request.url.replace(/^\/wait\//, ''))
      for (const resolve of this.seen.get(key) ?? []) resolve()
      this.seen.set(key, 'seen')
      if (this.released.has(key)) return response.end('open')
      this.waiting.set(key, [...(this.waiting.get(key) ?? []), response])
    })
  }

  listen() {
    return new Promise((resolve) => this.server.listen(0, '127.0.0.1', resolve))
  }

  get url() {
    return `http://127.0.0.1:${this.server.address().port}`
  }

  /** Resolves once the app has asked for `key` (it is now blocked on it). */
  requested(key) {
    const seen = this.seen.get(key)
    if (seen === 'seen') return Promise.resolve()
    return new Promise((resolve) => this.seen.set(key, [...(seen ?? []), resolve]))
  }

  release(key) {
    this.released.add(key)
    for (const response of this.waiting.get(key) ?? []) response.end('open')
    this.waiting.delete(key)
  }

  close() {
    for (const key of this.waiting.keys()) this.release(key)
    this.server.closeAllConnections()
    return new Promise((resolve) => this.server.close(resolve))
  }
}

const gate = new Gate()
beforeAll(() => gate.listen())
afterAll(() => gate.close())

const app = useFixture(new URL('./fixtures/loading-streaming', import.meta.url), {
  env: () => ({ GATE_URL: gate.url }),
})

/** Reads the streamed body until `predicate(textSoFar)` holds; returns the text so far. */
async function readUntil(reader, state, predicate) {
  const decoder = new TextDecoder()
  while (!predicate(state.text)) {
    const { done, value } = await reader.read()
    if (done) break
    state.text += decoder.decode(value, { stream: true })
  }
  return state.text
}

/**
 * Streamed content arrives in a hidden element and React reveals it in batches (it
 * throttles reveals), so a fallback may stay a moment after the content is in the DOM:
 * waits until the `fallbacks` are gone, then checks the content is shown.
 */
async function waitForReveal(page, fallbacks, contents) {
  await page.page.waitForFunction((selector) => document.querySelectorAll(selector).length === 0, fallbacks)
  for (const content of contents) expect(await page.page.locator(content).isVisible()).toBe(true)
}

describe('rendering: loading.js and streaming', () => {
  test('loading.js is streamed first, inside the layout, while the page is still rendering', async () => {
    const response = await app.fetch('/slow?key=stream-loading')
    expect(response.status).toBe(200)
    const reader = response.body.getReader()
    const state = { text: '' }
    await readUntil(reader, state, (text) => text.includes('id="loading"'))
    await gate.requested('stream-loading')
    expect(cheerio.load(state.text)('#root-layout > #slow-layout #loading').text()).toBe('Loading slow page...')
    expect(state.text).not.toContain('Slow page ready')

    gate.release('stream-loading')
    await readUntil(reader, state, () => false)
    expect(state.text).toContain('<h1 id="slow-content">Slow page ready</h1>')
    expect(state.text.indexOf('id="loading"')).toBeLessThan(state.text.indexOf('id="slow-content"'))
  })

  test('a <Suspense> boundary streams its fallback with the shell and its content later', async () => {
    const response = await app.fetch('/suspense?key=stream-suspense')
    const reader = response.body.getReader()
    const state = { text: '' }
    await readUntil(reader, state, (text) => text.includes('id="fallback-b"'))
    await Promise.all([gate.requested('stream-suspense-a'), gate.requested('stream-suspense-b')])
    expect(state.text).toContain('<h1 id="shell">Suspense page</h1>')
    expect(state.text).toContain('<p id="fallback-a">Loading A...</p>')
    expect(state.text).not.toContain('Content A')
    expect(state.text).not.toContain('Content B')

    // Boundaries resolve independently: B first, then A.
    gate.release('stream-suspense-b')
    await readUntil(reader, state, (text) => text.includes('Content B'))
    expect(state.text).not.toContain('Content A')
    gate.release('stream-suspense-a')
    await readUntil(reader, state, () => false)
    expect(state.text).toContain('<p id="content-a">Content A</p>')
  })

  test('in the browser the streamed content replaces the loading UI', async () => {
    const opened = app.browser('/slow?key=browser-loading')
    await gate.requested('browser-loading')
    gate.release('browser-loading')
    const page = await opened
    await page.waitForText('#slow-content', 'Slow page ready')
    await waitForReveal(page, '#loading', ['#slow-content'])
    expect(await page.count('#slow-layout #slow-content')).toBe(1)
  })

  test('in the browser each Suspense fallback is replaced by its content', async () => {
    const opened = app.browser('/suspense?key=browser-suspense')
    await gate.requested('browser-suspense-a')
    gate.release('browser-suspense-a')
    gate.release('browser-suspense-b')
    const page = await opened
    await page.waitForText('#content-a', 'Content A')
    await page.waitForText('#content-b', 'Content B')
    await waitForReveal(page, '#fallback-a, #fallback-b', ['#content-a', '#content-b'])
  })

  test('client-side navigation shows loading.js until the page is ready', async () => {
    const page = await app.browser('/')
    await page.markWindow()
    await page.click('#link-slow')
    await page.waitForText('#loading', 'Loading slow page...')
    await gate.requested('navigation-slow')
    expect(await page.count('#slow-content')).toBe(0)
    gate.release('navigation-slow')
    await page.waitForText('#slow-content', 'Slow page ready')
    expect(await page.count('#loading')).toBe(0)
    expect(page.url()).toBe('/slow?key=navigation-slow')
    expect(await page.isWindowMarked()).toBe(true)
  })

  test('client-side navigation shows Suspense fallbacks and resolves them one by one', async () => {
    const page = await app.browser('/')
    await page.click('#link-suspense')
    await page.waitForText('#fallback-a', 'Loading A...')
    await page.waitForText('#fallback-b', 'Loading B...')
    await page.waitForText('#shell', 'Suspense page')
    gate.release('navigation-suspense-a')
    await page.waitForText('#content-a', 'Content A')
    expect(await page.count('#fallback-b')).toBe(1)
    gate.release('navigation-suspense-b')
    await page.waitForText('#content-b', 'Content B')
    expect(await page.count('#fallback-a, #fallback-b')).toBe(0)
  })

  test('a streamed page is a 200 HTML response', async () => {
    gate.release('status')
    const response = await app.fetch('/slow?key=status')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^text\/html/)
    expect(await response.text()).toContain('Slow page ready')
  })
})
