// Follows vercel/next.js test/e2e/app-dir/navigation/navigation.test.ts ("should redirect
// in a client component", "should trigger not-found in a client component", query string),
// test/e2e/app-dir/hooks/hooks.test.ts (usePathname, useSearchParams, useParams,
// useSelectedLayoutSegment(s), useRouter) and test/e2e/app-dir/app/index.test.ts
// ("should soft push", "should soft replace", "should refresh using the refresh button").
import { useFixture } from '../harness/index.js'

const app = useFixture(new URL('./fixtures/navigation-hooks', import.meta.url))

describe('client: navigation hooks', () => {
  test('router.push navigates client-side and usePathname/useSearchParams follow', async () => {
    const page = await app.browser('/')
    await page.markWindow()
    await page.click('#push')
    await page.waitForText('#heading', 'Target')
    await page.waitForText('#pathname', '/target')
    await page.waitForText('#search', 'via=push')
    expect(page.url()).toBe('/target?via=push')
    expect(await page.isWindowMarked()).toBe(true)
    expect(page.errors).toEqual([])
  })

  test('router.replace swaps the current history entry', async () => {
    const page = await app.browser('/')
    await page.markWindow()
    await page.click('#push')
    await page.waitForText('#search', 'via=push')
    const lengthBefore = await page.eval(() => history.length)
    await page.click('#replace')
    await page.waitForText('#search', 'via=replace')
    expect(page.url()).toBe('/target?via=replace')
    expect(await page.eval(() => history.length)).toBe(lengthBefore)
    // The pushed entry was replaced, so one step back is the home page.
    await page.back()
    await page.waitForText('#heading', 'Home')
    expect(await page.isWindowMarked()).toBe(true)
  })

  test('router.back returns to the previous page', async () => {
    const page = await app.browser('/')
    await page.markWindow()
    await page.click('#push')
    await page.waitForText('#heading', 'Target')
    await page.click('#back')
    await page.waitForText('#heading', 'Home')
    await page.waitForText('#pathname', '/')
    expect(page.url()).toBe('/')
    expect(await page.isWindowMarked()).toBe(true)
  })

  test('useSearchParams is rendered on the server for a dynamic page', async () => {
    const $ = await app.render$('/search?q=hello&page=3')
    expect($('#server-query').text()).toBe('hello')
    expect($('#client-query').text()).toBe('hello')
    expect($('#client-page').text()).toBe('3')
  })

  test('useSearchParams updates when navigating to the same page with a new query', async () => {
    const page = await app.browser('/search')
    expect(await page.text('#client-query')).toBe('none')
    await page.markWindow()
    await page.click('#search-one')
    await page.waitForText('#client-query', 'one')
    await page.waitForText('#server-query', 'one')
    await page.click('#search-two')
    await page.waitForText('#client-query', 'two')
    await page.waitForText('#client-page', '2')
    await page.click('#search-three')
    await page.waitForText('#client-query', 'three')
    await page.waitForText('#client-page', 'none')
    expect(page.url()).toBe('/search?q=three')
    expect(await page.isWindowMarked()).toBe(true)
  })

  test('useParams returns the dynamic params and follows navigation', async () => {
    const $ = await app.render$('/shop/books/dune')
    expect(JSON.parse($('#params').text())).toEqual({ category: 'books', item: 'dune' })

    const page = await app.browser('/shop/books/dune')
    await page.markWindow()
    await page.click('#shop-games-chess')
    await page.waitForText('#heading', 'games/chess')
    await page.waitForText('#params', JSON.stringify({ category: 'games', item: 'chess' }))
    expect(await page.isWindowMarked()).toBe(true)
  })

  test('useSelectedLayoutSegment(s) report the active segments below the layout', async () => {
    const $shop = await app.render$('/shop')
    expect(JSON.parse($shop('#segment').text())).toBe(null)
    expect(JSON.parse($shop('#segments').text())).toEqual([])
    const $item = await app.render$('/shop/books/dune')
    expect(JSON.parse($item('#segment').text())).toBe('books')
    expect(JSON.parse($item('#segments').text())).toEqual(['books', 'dune'])

    const page = await app.browser('/shop')
    await page.click('#shop-games-chess')
    await page.waitForText('#segment', '"games"')
    await page.waitForText('#segments', '["games","chess"]')
  })

  test('router.refresh re-renders server components and keeps client state', async () => {
    const page = await app.browser('/refresh')
    const tokenBefore = await page.text('#server-token')
    await page.click('#clicks')
    await page.click('#clicks')
    await page.waitForText('#clicks', '2')
    await page.markWindow()
    await page.click('#refresh')
    await page.page.waitForFunction(
      (before) => document.querySelector('#server-token')?.textContent !== before,
      tokenBefore,
    )
    expect(await page.text('#clicks')).toBe('2')
    expect(await page.isWindowMarked()).toBe(true)
  })

  test('redirect() in a client component answers 307 on the server', async () => {
    const response = await app.fetch('/client-redirect', { redirect: 'manual' })
    expect(response.status).toBe(307)
    expect(new URL(response.headers.get('location'), app.url('/')).pathname).toBe('/target')
    expect(new URL(response.headers.get('location'), app.url('/')).search).toBe('?via=client-redirect')
  })

  test('redirect() in a client component redirects a client-side navigation', async () => {
    const page = await app.browser('/')
    await page.markWindow()
    await page.click('#nav-client-redirect')
    await page.waitForText('#heading', 'Target')
    await page.waitForText('#search', 'via=client-redirect')
    expect(page.url()).toBe('/target?via=client-redirect')
    expect(await page.isWindowMarked()).toBe(true)
  })

  test('notFound() in a client component renders the not-found page with status 404', async () => {
    const response = await app.fetch('/client-not-found')
    expect(response.status).toBe(404)
    // The server answers with an error shell; the not-found UI renders in the browser.
    const hardLoad = await app.browser('/client-not-found')
    await hardLoad.waitForText('#not-found', 'Nothing here')

    const page = await app.browser('/')
    await page.click('#nav-client-not-found')
    await page.waitForText('#not-found', 'Nothing here')
    expect(page.url()).toBe('/client-not-found')
  })
})
