// Follows vercel/next.js test/e2e/app-dir/app/index.test.ts ("template component": "should
// render the template that holds state in a client component and reset on navigation").
import { useFixture } from '../harness/index.js'

const app = useFixture(new URL('./fixtures/templates', import.meta.url))

describe('layouts: templates', () => {
  test('a template wraps the page inside its layout', async () => {
    const $ = await app.render$('/shop/hats')
    expect($('#root-layout > #root-template #shop-layout > #shop-template #page').text()).toBe('Hats')
    // The layout's own children (its counter) sit outside the template.
    expect($('#shop-layout > #layout-counter').length).toBe(1)
    expect($('#shop-template > #template-counter').length).toBe(1)
  })

  test('the root template wraps every page inside the root layout', async () => {
    const $ = await app.render$('/')
    expect($('#root-layout > #root-template > #page').text()).toBe('Home')
    expect($('#shop-template').length).toBe(0)
  })

  test('template state resets on navigation between sibling pages while layout state survives', async () => {
    const page = await app.browser('/shop/shoes')
    await page.click('#layout-counter')
    await page.click('#layout-counter')
    await page.click('#template-counter')
    await page.waitForText('#layout-counter', '2')
    await page.waitForText('#template-counter', '1')
    await page.markWindow()

    await page.click('#link-hats')
    await page.waitForText('#page', 'Hats')
    expect(await page.text('#layout-counter')).toBe('2')
    expect(await page.text('#template-counter')).toBe('0')
    expect(await page.isWindowMarked()).toBe(true)
  })

  test('a template mounts a fresh instance on each navigation to another child segment', async () => {
    const page = await app.browser('/shop')
    expect(await page.eval(() => window.__templateMounts)).toBe(1)
    await page.click('#link-shoes')
    await page.waitForText('#page', 'Shoes')
    await page.page.waitForFunction(() => window.__templateMounts === 2)
    await page.click('#link-hats')
    await page.waitForText('#page', 'Hats')
    await page.page.waitForFunction(() => window.__templateMounts === 3)
  })

  test('a template keeps its state when only a deeper segment changes', async () => {
    // The shop template is keyed by its direct child segment ("shoes" in both URLs).
    const page = await app.browser('/shop/shoes')
    await page.click('#template-counter')
    await page.waitForText('#template-counter', '1')
    await page.click('#link-red-shoes')
    await page.waitForText('#page', 'Red shoes')
    expect(await page.text('#template-counter')).toBe('1')
    expect(await page.eval(() => window.__templateMounts)).toBe(1)
  })

  test('template state resets again when navigating back', async () => {
    const page = await app.browser('/shop/shoes')
    await page.click('#link-hats')
    await page.waitForText('#page', 'Hats')
    await page.click('#template-counter')
    await page.click('#layout-counter')
    await page.waitForText('#template-counter', '1')
    await page.back()
    await page.waitForText('#page', 'Shoes')
    expect(await page.text('#template-counter')).toBe('0')
    expect(await page.text('#layout-counter')).toBe('1')
  })

  test('leaving the segment unmounts both its layout and its template', async () => {
    const page = await app.browser('/shop/hats')
    await page.click('#link-home')
    await page.waitForText('#page', 'Home')
    expect(await page.count('#shop-layout')).toBe(0)
    expect(await page.count('#shop-template')).toBe(0)
    expect(await page.count('#root-template')).toBe(1)
  })
})
