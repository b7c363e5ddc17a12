// Follows vercel/next.js test/e2e/app-dir/metadata-dynamic-routes/index.test.ts (robots,
// sitemap, manifest, opengraph-image with ImageResponse) and
// test/e2e/app-dir/metadata/metadata.test.ts ("static routes": favicon.ico, icon.png).
import { readFileSync } from 'node:fs'

import * as cheerio from 'cheerio'

import { useFixture } from '../harness/index.js'

const fixture = new URL('./fixtures/metadata-files', import.meta.url)
const app = useFixture(fixture)

function fixtureBytes(relativePath) {
  return readFileSync(new URL(`./fixtures/metadata-files/${relativePath}`, import.meta.url))
}

async function bytesOf(response) {
  return Buffer.from(await response.arrayBuffer())
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes) {
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) }
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

describe('metadata: metadata files', () => {
  test('app/robots.js is served as /robots.txt', async () => {
    const response = await app.fetch('/robots.txt')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/)
    expect(await response.text()).toBe(
      [
        'User-Agent: *',
        'Allow: /',
        'Disallow: /private/',
        '',
        'User-Agent: BadBot',
        'Disallow: /',
        '',
        'Host: https://acme.example',
        'Sitemap: https://acme.example/sitemap.xml',
        '',
      ].join('\n'),
    )
  })

  test('app/sitemap.js is served as /sitemap.xml', async () => {
    const response = await app.fetch('/sitemap.xml')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^application\/xml/)
    const xml = await response.text()
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>/)
    const $ = cheerio.load(xml, { xml: true })
    expect($('urlset').attr('xmlns')).toBe('http://www.sitemaps.org/schemas/sitemap/0.9')
    const urls = $('url')
      .map((_, url) => ({
        loc: $(url).find('loc').text(),
        lastmod: $(url).find('lastmod').text(),
        changefreq: $(url).find('changefreq').text(),
        priority: $(url).find('priority').text(),
      }))
      .get()
    expect(urls).toEqual([
      { loc: 'https://acme.example', lastmod: '2024-01-01T00:00:00.000Z', changefreq: 'yearly', priority: '1' },
      { loc: 'https://acme.example/about', lastmod: '2024-02-03', changefreq: 'monthly', priority: '0.8' },
    ])
  })

  test('app/manifest.js is served as /manifest.webmanifest and linked from pages', async () => {
    const response = await app.fetch('/manifest.webmanifest')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^application\/manifest\+json/)
    expect(await response.json()).toEqual({
      name: 'Acme Application',
      short_name: 'Acme',
      description: 'An app with a manifest',
      start_url: '/',
      display: 'standalone',
      background_color: '#ffffff',
      theme_color: '#0070f3',
      icons: [{ src: '/icon.png', sizes: '32x32', type: 'image/png' }],
    })
    const $ = await app.render$('/about')
    expect($('link[rel="manifest"]').attr('href')).toBe('/manifest.webmanifest')
  })

  test('a static app/icon.png is served unchanged as image/png', async () => {
    const response = await app.fetch('/icon.png')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('image/png')
    expect((await bytesOf(response)).equals(fixtureBytes('app/icon.png'))).toBe(true)
  })

  test('app/favicon.ico is served unchanged as image/x-icon', async () => {
    const response = await app.fetch('/favicon.ico')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('image/x-icon')
    expect((await bytesOf(response)).equals(fixtureBytes('app/favicon.ico'))).toBe(true)
  })

  test('pages link the favicon and icon with their type and size', async () => {
    const $ = await app.render$('/')
    const icons = $('link[rel="icon"]')
      .map((_, element) => ({
        href: $(element).attr('href'),
        type: $(element).attr('type'),
        sizes: $(element).attr('sizes'),
      }))
      .get()
    expect(icons).toHaveLength(2)
    expect(icons[0].href).toMatch(/^\/favicon\.ico(\?\S+)?$/)
    expect(icons[0]).toMatchObject({ type: 'image/x-icon', sizes: '16x16' })
    expect(icons[1].href).toMatch(/^\/icon\.png(\?\S+)?$/)
    expect(icons[1]).toMatchObject({ type: 'image/png', sizes: '32x32' })

    // The linked URLs (with their cache-busting query) serve the files.
    const linked = await app.fetch(icons[1].href)
    expect((await bytesOf(linked)).equals(fixtureBytes('app/icon.png'))).toBe(true)
  })

  test('opengraph-image.js renders a PNG with ImageResponse at the declared size', async () => {
    const response = await app.fetch('/opengraph-image')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('image/png')
    const bytes = await bytesOf(response)
    expect(bytes.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true)
    expect(pngSize(bytes)).toEqual({ width: 1200, height: 630 })
  })

  test('pages get og:image tags for opengraph-image with its size, type and alt', async () => {
    const $ = await app.render$('/about')
    const image = $('meta[property="og:image"]').attr('content')
    expect(image).toMatch(/^https:\/\/acme\.example\/opengraph-image(\?\S+)?$/)
    expect($('meta[property="og:image:width"]').attr('content')).toBe('1200')
    expect($('meta[property="og:image:height"]').attr('content')).toBe('630')
    expect($('meta[property="og:image:type"]').attr('content')).toBe('image/png')
    expect($('meta[property="og:image:alt"]').attr('content')).toBe('Acme social card')

    const { pathname, search } = new URL(image)
    const served = await app.fetch(pathname + search)
    expect(served.headers.get('content-type')).toBe('image/png')
  })

  test('generateImageMetadata gives one og:image per image, each with its id in the URL', async () => {
    const $ = await app.render$('/products/7')
    const images = $('meta[property^="og:image"]')
      .map((_, meta) => [[$(meta).attr('property'), $(meta).attr('content')]])
      .get()
    const urls = images.filter(([key]) => key === 'og:image').map(([, url]) => url)
    expect(urls).toHaveLength(2)
    expect(urls[0]).toMatch(/^https:\/\/acme\.example\/products\/7\/opengraph-image\/card(\?\S+)?$/)
    expect(urls[1]).toMatch(/^https:\/\/acme\.example\/products\/7\/opengraph-image\/banner(\?\S+)?$/)
    const fields = images.filter(([key]) => key !== 'og:image')
    expect(fields).toEqual(
      expect.arrayContaining([
        ['og:image:width', '600'],
        ['og:image:height', '315'],
        ['og:image:alt', 'Product 7 card'],
        ['og:image:width', '1200'],
        ['og:image:height', '400'],
        ['og:image:alt', 'Product 7 banner'],
      ]),
    )

    const { pathname, search } = new URL(urls[1])
    const served = await app.fetch(pathname + search)
    expect(served.status).toBe(200)
    expect(pngSize(await bytesOf(served))).toEqual({ width: 1200, height: 400 })
  })

  test('a drawn icon.js is linked from the pages below it with its size, and serves a PNG', async () => {
    const $ = await app.render$('/products/7')
    const icon = $('link[rel="icon"]')
      .map((_, element) => ({ href: $(element).attr('href'), type: $(element).attr('type'), sizes: $(element).attr('sizes') }))
      .get()
      .find((link) => link.href.startsWith('/products/'))
    expect(icon.href).toMatch(/^\/products\/7\/icon(\?\S+)?$/)
    expect(icon).toMatchObject({ type: 'image/png', sizes: '48x48' })
    const served = await app.fetch(icon.href)
    expect(served.headers.get('content-type')).toBe('image/png')
    expect(pngSize(await bytesOf(served))).toEqual({ width: 48, height: 48 })
  })
})
