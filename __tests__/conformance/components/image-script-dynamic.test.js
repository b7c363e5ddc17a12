// Follows vercel/next.js test/e2e/app-dir/next-image/next-image.test.ts (static imports,
// srcset and the optimizer endpoint), test/e2e/app-dir/app/index.test.ts (next/script
// strategies and their preload tags) and test/e2e/app-dir/dynamic/dynamic.test.ts
// (next/dynamic with and without ssr: false, loading components).
import * as cheerio from 'cheerio'

import { useFixture } from '../harness/index.js'

const app = useFixture(new URL('./fixtures/image-script-dynamic', import.meta.url))

/** Parses a srcset into [{ url, descriptor }] with the URL decoded into its parts. */
function parseSrcSet(srcSet) {
  return srcSet.split(', ').map((candidate) => {
    const [url, descriptor] = candidate.split(' ')
    return { url, descriptor, params: Object.fromEntries(new URL(url, 'http://x').searchParams) }
  })
}

describe('components: next/image, next/script and next/dynamic', () => {
  test('a statically imported image gets its size, lazy loading and an optimizer srcset', async () => {
    const $ = await app.render$('/')
    const img = $('img#photo')
    expect(img.attr('alt')).toBe('Photo')
    expect(img.attr('width')).toBe('120')
    expect(img.attr('height')).toBe('80')
    expect(img.attr('loading')).toBe('lazy')
    expect(img.attr('decoding')).toBe('async')
    const candidates = parseSrcSet(img.attr('srcset'))
    expect(candidates.map(({ descriptor }) => descriptor)).toEqual(['1x', '2x'])
    for (const { url, params } of candidates) {
      expect(url.startsWith('/_next/image?')).toBe(true)
      expect(params.url).toMatch(/^\/_next\/static\/media\/photo\.[\w-]+\.png$/)
      expect(params.q).toBe('75')
    }
    expect(candidates.map(({ params }) => params.w)).toEqual(['128', '256'])
    // src falls back to the largest candidate.
    expect(img.attr('src')).toBe(candidates[1].url)
  })

  test('a priority image is not lazy and is preloaded from the head', async () => {
    const $ = await app.render$('/')
    const img = $('img#hero')
    expect(img.attr('loading')).toBeUndefined()
    expect(img.attr('width')).toBe('200')
    const preload = $('head link[rel="preload"][as="image"]')
    expect(preload.length).toBe(1)
    expect(preload.attr('imagesrcset')).toBe(img.attr('srcset'))
    // The lazy image is not preloaded.
    expect(preload.attr('imagesrcset')).not.toContain('photo')
  })

  test('the image optimizer answers the srcset URLs with the format the client accepts', async () => {
    const $ = await app.render$('/')
    const [oneX] = parseSrcSet($('img#photo').attr('srcset'))

    const webp = await app.fetch(oneX.url, { headers: { accept: 'image/webp,*/*' } })
    expect(webp.status).toBe(200)
    expect(webp.headers.get('content-type')).toBe('image/webp')
    expect(webp.headers.get('vary')).toMatch(/Accept/i)
    const webpBytes = Buffer.from(await webp.arrayBuffer())
    expect(webpBytes.subarray(0, 4).toString('latin1')).toBe('RIFF')
    expect(webpBytes.subarray(8, 12).toString('latin1')).toBe('WEBP')

    const png = await app.fetch(oneX.url, { headers: { accept: '*/*' } })
    expect(png.status).toBe(200)
    expect(png.headers.get('content-type')).toBe('image/png')
    expect(Buffer.from(await png.arrayBuffer()).subarray(1, 4).toString('latin1')).toBe('PNG')
  })

  test('the image optimizer rejects widths and qualities outside the config', async () => {
    const $ = await app.render$('/')
    const [{ params }] = parseSrcSet($('img#photo').attr('srcset'))
    const withParams = (overrides) => `/_next/image?${new URLSearchParams({ ...params, ...overrides })}`
    expect((await app.fetch(withParams({}))).status).toBe(200)
    expect((await app.fetch(withParams({ w: '100' }))).status).toBe(400)
    expect((await app.fetch(withParams({ q: '50' }))).status).toBe(400)
    expect((await app.fetch(withParams({ url: 'https://example.com/a.png' }))).status).toBe(400)
  })

  test('images load in the browser through the optimizer', async () => {
    const page = await app.browser('/')
    await page.page.waitForFunction(() => [...document.images].every((img) => img.complete && img.naturalWidth > 0))
    const loaded = await page.eval(() => [...document.images].map((img) => [img.id, img.naturalWidth, new URL(img.currentSrc).pathname]))
    // The optimizer never enlarges past the source width.
    expect(loaded).toEqual([
      ['hero', 200, '/_next/image'],
      ['photo', 120, '/_next/image'],
    ])
  })

  test('beforeInteractive and afterInteractive scripts are preloaded from the server HTML', async () => {
    const $ = await app.render$('/script-page')
    expect($('head link[rel="preload"][as="script"][href="/scripts/before.js"]').length).toBe(1)
    expect($('head link[rel="preload"][as="script"][href="/scripts/after.js"]').length).toBe(1)
    // The afterInteractive script itself is only inserted by the client.
    expect($('script[src="/scripts/after.js"]').length).toBe(0)
  })

  test('a beforeInteractive script runs before hydration', async () => {
    const page = await app.browser('/script-page')
    await page.page.waitForFunction(() => window.__beforeRanBeforeHydration !== undefined)
    expect(await page.eval(() => window.__beforeRanBeforeHydration)).toBe(true)
  })

  test('afterInteractive and lazyOnload scripts run after beforeInteractive, in that order', async () => {
    const page = await app.browser('/script-page')
    await page.waitForText('#after-target', 'after ran')
    await page.page.waitForFunction(() => window.__scriptOrder?.includes('lazy'))
    expect(await page.eval(() => window.__scriptOrder)).toEqual(['before', 'after', 'lazy'])
  })

  test('next/dynamic with ssr: false renders only the loading component on the server', async () => {
    const $ = cheerio.load(await (await app.fetch('/dynamic-page')).text())
    expect($('#browser-only').length).toBe(0)
    expect($('#browser-only-loading').text()).toBe('Loading browser-only widget')
    // Without ssr: false the dynamic component is server-rendered.
    expect($('#server-rendered').text()).toBe('Server-rendered widget')
  })

  test('next/dynamic with ssr: false renders the component after hydration', async () => {
    const page = await app.browser('/dynamic-page')
    await page.waitForText('#browser-only', /^Browser-only width \d+$/)
    expect(await page.count('#browser-only-loading')).toBe(0)
    expect(await page.text('#server-rendered')).toBe('Server-rendered widget')
    expect(page.errors).toEqual([])
  })
})
