// Follows vercel/next.js test/e2e/app-dir/app/index.test.ts ("should include layouts when
// no direct parent layout") and test/e2e/app-dir/root-layout/root-layout.test.ts ("should
// work with route groups").
import { useFixture } from '../harness/index.js'

const app = useFixture(new URL('./fixtures/route-groups', import.meta.url))

describe('layouts: route groups', () => {
  test('a page inside a route group is served at a URL without the group name', async () => {
    const response = await app.fetch('/about')
    expect(response.status).toBe(200)
    const $ = await app.render$('/about')
    expect($('#root-layout > #marketing-layout #page').text()).toBe('About')
  })

  test('the group name is not a URL segment', async () => {
    expect((await app.fetch('/marketing/about')).status).toBe(404)
    expect((await app.fetch('/(marketing)/about')).status).toBe(404)
    expect((await app.fetch('/%28marketing%29/about')).status).toBe(404)
  })

  test('the root page can live inside a route group', async () => {
    const $ = await app.render$('/')
    expect($('#root-layout > #page').text()).toBe('Home')
    expect($('#marketing-layout, #shop-layout').length).toBe(0)
  })

  test('each group renders its own layout and not the layout of another group', async () => {
    const $ = await app.render$('/cart')
    expect($('#root-layout > #shop-layout > #page').text()).toBe('Cart')
    expect($('#marketing-layout').length).toBe(0)
    expect($('#checkout-layout').length).toBe(0)
  })

  test('nested route groups compose their layouts', async () => {
    const $ = await app.render$('/payment')
    expect($('#root-layout > #shop-layout > #checkout-layout > #page').text()).toBe('Payment')
  })

  test('navigating within a group keeps the group layout state', async () => {
    const page = await app.browser('/about')
    await page.click('#marketing-counter')
    await page.waitForText('#marketing-counter', '1')
    await page.markWindow()
    await page.click('#link-blog')
    await page.waitForText('#page', 'Blog')
    expect(await page.text('#marketing-counter')).toBe('1')
    expect(await page.isWindowMarked()).toBe(true)
  })

  test('navigating between groups swaps the group layout and keeps the shared root layout', async () => {
    const page = await app.browser('/about')
    await page.click('#root-counter')
    await page.click('#root-counter')
    await page.waitForText('#root-counter', '2')
    await page.markWindow()
    await page.click('#link-cart')
    await page.waitForText('#page', 'Cart')
    expect(await page.count('#marketing-layout')).toBe(0)
    expect(await page.count('#shop-layout')).toBe(1)
    expect(await page.text('#root-counter')).toBe('2')
    expect(await page.isWindowMarked()).toBe(true)
    expect(page.url()).toBe('/cart')
  })

  test('navigating back into a group remounts its layout with fresh state', async () => {
    const page = await app.browser('/about')
    await page.click('#marketing-counter')
    await page.waitForText('#marketing-counter', '1')
    await page.click('#link-cart')
    await page.waitForText('#page', 'Cart')
    await page.click('#link-about')
    await page.waitForText('#page', 'About')
    expect(await page.text('#marketing-counter')).toBe('0')
  })
})
