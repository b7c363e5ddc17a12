// Follows vercel/next.js test/e2e/app-dir/next-font/next-font.test.ts (localFont
// classNames, variables and style, preloads, computed styles) and
// test/e2e/next-font/index.test.ts (@font-face output and fallback metrics).
import { readFileSync } from 'node:fs'

import { useFixture } from '../harness/index.js'

const FIXTURE = new URL('./fixtures/font-local', import.meta.url)
const app = useFixture(FIXTURE)

/** Removes quotes and spaces so that CSS font-family lists compare equal. */
const normalizeFamily = (family) => family.replace(/["'\s]/g, '')

/** The stylesheets linked from `path`, as [{ url, css }]. */
async function stylesheets(path) {
  const $ = await app.render$(path)
  const hrefs = $('link[rel="stylesheet"]')
    .map((_, link) => $(link).attr('href'))
    .get()
  return Promise.all(hrefs.map(async (href) => ({ url: app.url(href), css: await (await app.fetch(href)).text() })))
}

/** The @font-face rule declaring `family`, and the absolute URL of its woff2 source. */
async function fontFace(family) {
  for (const { url, css } of await stylesheets('/')) {
    for (const rule of css.match(/@font-face\s*{[^}]*}/g) ?? []) {
      if (!new RegExp(`font-family:\\s*["']?${family}["']?\\s*[;}]`).test(rule)) continue
      const source = rule.match(/src:\s*url\(\s*["']?([^)"']+)["']?\s*\)\s*format\(\s*["']woff2["']\s*\)/)
      return { rule, fileUrl: source && new URL(source[1], url).pathname }
    }
  }
  return { rule: null, fileUrl: null }
}

describe('components: next/font/local', () => {
  test("the font's className and variable classes are applied and style names its families", async () => {
    const $ = await app.render$('/')
    const bodyClass = $('body').attr('class')
    expect(bodyClass).toBeTruthy()
    expect($('html').attr('class').split(' ')).toHaveLength(2)
    expect($('html').attr('class')).not.toContain(bodyClass)
    expect($('#geist-family').text()).toBe("'geist', 'geist Fallback'")
    expect($('#mono-family').text()).toBe("'geistMono', 'geistMono Fallback'")
  })

  test('the stylesheet declares the font with its descriptors and a metric-adjusted fallback', async () => {
    const { rule, fileUrl } = await fontFace('geist')
    expect(rule).not.toBeNull()
    expect(rule).toMatch(/font-display:\s*swap/)
    expect(rule).toMatch(/font-weight:\s*100 900/)
    expect(fileUrl).toMatch(/^\/_next\/static\/media\/[^/]+\.woff2$/)

    const fallback = await fontFace('geist Fallback')
    expect(fallback.rule).toMatch(/src:\s*local\(["']?Arial["']?\)/)
    expect(fallback.rule).toMatch(/size-adjust:\s*[\d.]+%/)
  })

  test('the font file is served unchanged from /_next/static/media/', async () => {
    const { fileUrl } = await fontFace('geist')
    const response = await app.fetch(fileUrl)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('font/woff2')
    expect(response.headers.get('cache-control')).toMatch(/immutable/)
    const served = Buffer.from(await response.arrayBuffer())
    expect(served.equals(readFileSync(new URL('./fixtures/font-local/app/fonts/geist-latin.woff2', import.meta.url)))).toBe(true)
  })

  test('a preloaded font gets a preload link in the head and a preload: false font does not', async () => {
    const $ = await app.render$('/')
    const preloads = $('head link[rel="preload"][as="font"]')
    expect(preloads.length).toBe(1)
    expect(preloads.attr('type')).toBe('font/woff2')
    expect(preloads.attr('crossorigin')).toBe('')
    expect(preloads.attr('href')).toBe((await fontFace('geist')).fileUrl)

    const mono = await fontFace('geistMono')
    expect(mono.fileUrl).toMatch(/^\/_next\/static\/media\/[^/]+\.woff2$/)
    expect(mono.fileUrl).not.toBe(preloads.attr('href'))
  })

  test('the browser renders the body in the local font once it has loaded', async () => {
    const page = await app.browser('/')
    const expected = await page.text('#geist-family')
    expect(normalizeFamily(await page.eval(() => getComputedStyle(document.body).fontFamily))).toBe(normalizeFamily(expected))
    await page.page.waitForFunction(async () => {
      await document.fonts.ready
      return document.fonts.check('16px geist')
    })
    const loaded = await page.eval(() => [...document.fonts].filter((face) => face.status === 'loaded').map((face) => face.family.replace(/["']/g, '')))
    expect(loaded).toContain('geist')
  })

  test("the second font applies through its className and its CSS variable", async () => {
    const page = await app.browser('/')
    const expected = normalizeFamily(await page.text('#mono-family'))
    expect(normalizeFamily(await page.eval(() => getComputedStyle(document.querySelector('#mono')).fontFamily))).toBe(expected)
    expect(normalizeFamily(await page.eval(() => getComputedStyle(document.querySelector('#variable')).fontFamily))).toBe(expected)
  })
})
