// Follows vercel/next.js test/e2e/app-dir/navigation/navigation.test.ts ("hash",
// "hash-link-back-to-same-page", scroll behaviour) and test/e2e/app-dir/app/index.test.ts
// ("should soft push", "should soft replace", "should be soft for back navigation",
// "should be soft for forward navigation", "should navigate to pages with hash").
import { useFixture } from '../harness/index.js'

const app = useFixture(new URL('./fixtures/link-navigation', import.meta.url))

function waitForTitle(page, title) {
  return page.page.waitForFunction((expected) => document.title === expected, title)
}

/** Waits until the window's vertical scroll offset satisfies `predicate` (run in the page). */
function waitForScroll(page, predicateSource) {
  return page.page.waitForFunction(predicateSource)
}

describe('client: Link navigation', () => {
  test('a Link is server-rendered as a plain anchor with its href', async () => {
    const $ = await app.render$('/')
    expect($('a#nav-about').attr('href')).toBe('/about')
    expect($('a#nav-hash-section-c').attr('href')).toBe('/hash#section-c')
    expect($('a#nav-about').text()).toBe('About')
  })

  test('clicking a Link navigates without a full page load', async () => {
    const page = await app.browser('/')
    await page.markWindow()
    await page.click('#nav-about')
    await page.waitForText('#heading', 'About')
    expect(page.url()).toBe('/about')
    expect(await page.isWindowMarked()).toBe(true)
    expect(page.errors).toEqual([])
  })

  test('the document title follows the page metadata after a client navigation', async () => {
    const page = await app.browser('/')
    expect(await page.eval(() => document.title)).toBe('Home page')
    await page.click('#nav-about')
    await page.waitForText('#heading', 'About')
    await waitForTitle(page, 'About page')
    await page.click('#about-to-long')
    await page.waitForText('#heading', 'Long')
    await waitForTitle(page, 'Long page')
  })

  test('back and forward restore pages without a full page load', async () => {
    const page = await app.browser('/')
    await page.markWindow()
    await page.click('#nav-about')
    await page.waitForText('#heading', 'About')
    await page.back()
    await page.waitForText('#heading', 'Home')
    expect(page.url()).toBe('/')
    await waitForTitle(page, 'Home page')
    await page.forward()
    await page.waitForText('#heading', 'About')
    expect(page.url()).toBe('/about')
    expect(await page.isWindowMarked()).toBe(true)
  })

  test('back and forward show a dynamic page as it was, without asking the server again', async () => {
    const page = await app.browser('/')
    await page.click('#nav-dynamic')
    await page.waitForText('#heading', 'Dynamic')
    const rendered = await page.text('#rendered')
    await page.click('#nav-about')
    await page.waitForText('#heading', 'About')
    const navigations = []
    page.page.on('request', (request) => {
      const headers = request.headers()
      const isPrefetch = headers['next-router-prefetch'] || headers['next-router-segment-prefetch']
      if (new URL(request.url()).pathname === '/dynamic' && !isPrefetch) navigations.push(request.url())
    })
    await page.back()
    await page.waitForText('#heading', 'Dynamic')
    expect(await page.text('#rendered')).toBe(rendered)
    await page.forward()
    await page.waitForText('#heading', 'About')
    await page.back()
    await page.waitForText('#heading', 'Dynamic')
    expect(await page.text('#rendered')).toBe(rendered)
    expect(navigations).toEqual([])
    // Following a link to it again renders it again: a dynamic page is not kept for that.
    await page.click('#nav-about')
    await page.waitForText('#heading', 'About')
    await page.click('#nav-dynamic')
    await page.waitForText('#heading', 'Dynamic')
    expect(await page.text('#rendered')).not.toBe(rendered)
    expect(navigations).toHaveLength(1)
  })

  test('navigating to another page scrolls to the top', async () => {
    const page = await app.browser('/long')
    await page.page.locator('#bottom-to-about').scrollIntoViewIfNeeded()
    expect(await page.eval(() => window.scrollY)).toBeGreaterThan(3000)
    await page.click('#bottom-to-about')
    await page.waitForText('#heading', 'About')
    await waitForScroll(page, () => window.scrollY === 0)
  })

  test('a Link with scroll={false} keeps the scroll position', async () => {
    const page = await app.browser('/long')
    await page.page.locator('#bottom-to-no-scroll').scrollIntoViewIfNeeded()
    const before = await page.eval(() => window.scrollY)
    expect(before).toBeGreaterThan(3000)
    await page.click('#bottom-to-no-scroll')
    await page.waitForText('#heading', 'No scroll')
    // Let two frames pass so that a scroll reset, if any, would have happened.
    await page.eval(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))))
    expect(await page.eval(() => window.scrollY)).toBe(before)
  })

  test('a Link with replace does not add a history entry', async () => {
    const page = await app.browser('/')
    await page.click('#nav-replace-source')
    await page.waitForText('#heading', 'Replace source')
    const lengthBefore = await page.eval(() => history.length)
    await page.markWindow()
    await page.click('#replace-to-about')
    await page.waitForText('#heading', 'About')
    expect(await page.eval(() => history.length)).toBe(lengthBefore)
    // The replaced entry is gone: back lands on the page before it.
    await page.back()
    await page.waitForText('#heading', 'Home')
    expect(page.url()).toBe('/')
    expect(await page.isWindowMarked()).toBe(true)
  })

  test('a hash Link on the same page scrolls to the anchor without a reload', async () => {
    const page = await app.browser('/hash')
    await page.markWindow()
    await page.click('#link-section-b')
    await page.page.waitForURL((url) => url.hash === '#section-b')
    expect(page.url()).toBe('/hash#section-b')
    await waitForScroll(page, () => {
      const top = document.getElementById('section-b').getBoundingClientRect().top
      return window.scrollY > 0 && Math.abs(top) < 2
    })
    expect(await page.isWindowMarked()).toBe(true)
  })

  test('a Link to another page with a hash scrolls to the anchor there', async () => {
    const page = await app.browser('/')
    await page.markWindow()
    await page.click('#nav-hash-section-c')
    await page.waitForText('#heading', 'Hash')
    expect(page.url()).toBe('/hash#section-c')
    await waitForScroll(page, () => {
      const top = document.getElementById('section-c').getBoundingClientRect().top
      return window.scrollY > 2000 && Math.abs(top) < 2
    })
    expect(await page.isWindowMarked()).toBe(true)
  })

  test('without JavaScript a Link still navigates as a plain anchor', async () => {
    const page = await app.browser('/', { javaScriptEnabled: false })
    await page.click('#nav-about')
    await page.waitForUrl('/about')
    expect(await page.text('#heading')).toBe('About')
    expect(await page.eval(() => document.title)).toBe('About page')
  })

  test('next/form with a URL action navigates there with its fields as search params, without a full load', async () => {
    const page = await app.browser('/search-form')
    await page.markWindow()
    await page.type('#query', 'hello world')
    await page.click('#search')
    await page.waitForText('#heading', 'Search')
    expect(page.url()).toBe('/search?q=hello+world&lang=en')
    expect(await page.text('#q')).toBe('hello world')
    expect(await page.text('#lang')).toBe('en')
    expect(await page.isWindowMarked()).toBe(true)
    expect(page.errors).toEqual([])
  })

  test('without JavaScript next/form is a GET form the browser submits', async () => {
    const page = await app.browser('/search-form', { javaScriptEnabled: false })
    await page.type('#query', 'plain')
    await page.click('#search')
    await page.waitForUrl('/search?q=plain&lang=en')
    expect(await page.text('#q')).toBe('plain')
  })

  test('a Link to a static page is prefetched once in view: following it requests nothing more', async () => {
    const page = await app.browser('/')
    await page.page.waitForLoadState('networkidle')
    const requested = []
    page.page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/about') requested.push(request.url())
    })
    await page.markWindow()
    await page.click('#nav-about')
    await page.waitForText('#heading', 'About')
    expect(requested).toEqual([])
    expect(await page.isWindowMarked()).toBe(true)
  })
})
