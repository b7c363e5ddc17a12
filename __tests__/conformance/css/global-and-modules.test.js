// Follows vercel/next.js test/e2e/app-dir/app-css/index.test.ts (global CSS in layouts,
// CSS modules in server and client components, CSS loaded on client navigation) and
// test/e2e/app-dir/css-order/css-order.test.ts.
import { useFixture } from '../harness/index.js'

const app = useFixture(new URL('./fixtures/global-and-modules', import.meta.url))

function computedStyle(page, selector, property) {
  return page.eval(([sel, prop]) => getComputedStyle(document.querySelector(sel))[prop], [selector, property])
}

describe('css: global CSS and CSS modules', () => {
  test('global CSS imported by the root layout applies to every page', async () => {
    const page = await app.browser('/')
    expect(await computedStyle(page, '#global-box', 'color')).toBe('rgb(255, 0, 0)')
    expect(await computedStyle(page, '#global-box', 'paddingTop')).toBe('3px')
    await page.goto('/other')
    expect(await computedStyle(page, '#global-box', 'color')).toBe('rgb(255, 0, 0)')
  })

  test('a CSS module in a server page gets a hashed class name and applies', async () => {
    const $ = await app.render$('/')
    const className = $('#title').attr('class')
    expect(className).toContain('title')
    expect(className).not.toBe('title')

    const page = await app.browser('/')
    expect(await computedStyle(page, '#title', 'color')).toBe('rgb(0, 128, 0)')
    expect(await computedStyle(page, '#title', 'textTransform')).toBe('uppercase')
  })

  test('a CSS module in a client component applies and survives a re-render', async () => {
    const $ = await app.render$('/')
    const className = $('#counter').attr('class')
    expect(className).toContain('button')
    expect(className).not.toBe('button')

    const page = await app.browser('/')
    await page.click('#counter')
    await page.waitForText('#counter', '1')
    expect(await computedStyle(page, '#counter', 'backgroundColor')).toBe('rgb(0, 0, 255)')
    expect(await computedStyle(page, '#counter', 'borderTopLeftRadius')).toBe('7px')
  })

  test('of two imports with equal specificity the later one wins', async () => {
    const page = await app.browser('/')
    expect(await computedStyle(page, '#order-box', 'color')).toBe('rgb(4, 5, 6)')
    // Declarations the later file does not override still apply.
    expect(await computedStyle(page, '#order-box', 'borderTopWidth')).toBe('4px')
  })

  test('a stylesheet @imported with media, supports() or layer() conditions applies only under them', async () => {
    const page = await app.browser('/')
    // Screen and wide: the media query matches; print does not.
    expect(await computedStyle(page, '#import-box', 'paddingLeft')).toBe('9px')
    expect(await computedStyle(page, '#import-box', 'color')).toBe('rgb(0, 0, 0)')
    expect(await computedStyle(page, '#import-box', 'display')).toBe('grid')
    expect(await computedStyle(page, '#import-box', 'borderTopWidth')).toBe('0px')
    // In a layer: below unlayered rules whatever the specificity, above the defaults.
    expect(await computedStyle(page, '#import-box', 'marginTop')).toBe('2px')
    expect(await computedStyle(page, '#import-box', 'letterSpacing')).toBe('3px')

    await page.page.setViewportSize({ width: 400, height: 600 })
    expect(await computedStyle(page, '#import-box', 'paddingLeft')).toBe('0px')
    await page.page.emulateMedia({ media: 'print' })
    expect(await computedStyle(page, '#import-box', 'color')).toBe('rgb(1, 2, 3)')
  })

  test("a nested layout's CSS applies to its child pages only", async () => {
    const inside = await app.browser('/section/child')
    expect(await computedStyle(inside, '#section-text', 'fontWeight')).toBe('700')
    expect(await computedStyle(inside, '#section-text', 'letterSpacing')).toBe('2px')

    const outside = await app.browser('/')
    expect(await computedStyle(outside, '#section-text', 'fontWeight')).toBe('400')
    expect(await computedStyle(outside, '#section-text', 'letterSpacing')).toBe('normal')
  })

  test('stylesheets are linked in the head and served as CSS holding the module classes', async () => {
    const $ = await app.render$('/')
    const hrefs = $('head link[rel="stylesheet"]')
      .map((_, link) => $(link).attr('href'))
      .get()
    expect(hrefs.length).toBeGreaterThan(0)
    let css = ''
    for (const href of hrefs) {
      expect(href).toMatch(/^\/_next\/static\/.+\.css$/)
      const response = await app.fetch(href)
      expect(response.status).toBe(200)
      expect(response.headers.get('content-type')).toMatch(/^text\/css/)
      css += await response.text()
    }
    expect(css).toContain(`.${$('#title').attr('class')}`)
    expect(css).toContain(`.${$('#counter').attr('class')}`)
    expect(css).toContain('.global-box')
  })

  test('styles apply without JavaScript', async () => {
    const page = await app.browser('/', { javaScriptEnabled: false })
    expect(await computedStyle(page, '#global-box', 'color')).toBe('rgb(255, 0, 0)')
    expect(await computedStyle(page, '#title', 'color')).toBe('rgb(0, 128, 0)')
    expect(await computedStyle(page, '#counter', 'backgroundColor')).toBe('rgb(0, 0, 255)')
  })

  test("client-side navigation loads the next page's CSS module", async () => {
    const page = await app.browser('/')
    await page.markWindow()
    await page.click('#link-other')
    await page.waitForText('#highlight', 'Other')
    await page.page.waitForFunction(() => getComputedStyle(document.querySelector('#highlight')).color === 'rgb(128, 0, 128)')
    expect(await page.isWindowMarked()).toBe(true)
    expect(await computedStyle(page, '#global-box', 'color')).toBe('rgb(255, 0, 0)')
  })
})
