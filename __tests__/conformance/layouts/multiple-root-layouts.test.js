// Follows vercel/next.js test/e2e/app-dir/root-layout/root-layout.test.ts ("Should do a mpa
// navigation when switching root layout", "should correctly handle navigation between
// multiple root layouts").
import { useFixture } from '../harness/index.js'

const app = useFixture(new URL('./fixtures/multiple-root-layouts', import.meta.url))

describe('layouts: multiple root layouts', () => {
  test('a page renders the <html> of its own group root layout', async () => {
    const $ = await app.render$('/about')
    expect($('html').attr('data-root')).toBe('site')
    expect($('html').attr('lang')).toBe('en')
    expect($('#site-root #page').text()).toBe('About')
    expect($('#admin-root').length).toBe(0)
  })

  test('the other group renders its own root layout', async () => {
    const $ = await app.render$('/admin/users')
    expect($('html').attr('data-root')).toBe('admin')
    expect($('html').attr('lang')).toBe('fr')
    expect($('#admin-root #page').text()).toBe('Users')
    expect($('#site-root').length).toBe(0)
  })

  test('each root layout contributes its own metadata', async () => {
    expect((await app.render$('/'))('title').text()).toBe('Site')
    expect((await app.render$('/admin'))('title').text()).toBe('Admin')
  })

  test('navigating within one root layout is client-side', async () => {
    const page = await app.browser('/')
    await page.markWindow()
    await page.click('#link-about')
    await page.waitForText('#page', 'About')
    expect(await page.isWindowMarked()).toBe(true)
  })

  test('navigating within the other root layout is client-side too', async () => {
    const page = await app.browser('/admin')
    await page.markWindow()
    await page.click('#link-users')
    await page.waitForText('#page', 'Users')
    expect(await page.isWindowMarked()).toBe(true)
  })

  test('a <Link> to a page with another root layout does a full page load', async () => {
    const page = await app.browser('/about')
    await page.markWindow()
    await page.click('#link-admin')
    await page.waitForText('#page', 'Admin home')
    await page.waitFor('#admin-root')
    expect(page.url()).toBe('/admin')
    expect(await page.isWindowMarked()).toBe(false)
    expect(await page.eval(() => document.documentElement.dataset.root)).toBe('admin')
    expect(await page.count('#site-root')).toBe(0)
  })

  test('a <Link> back to the first root layout does a full page load as well', async () => {
    const page = await app.browser('/admin/users')
    await page.markWindow()
    await page.click('#link-site')
    await page.waitForText('#page', 'Home')
    await page.waitFor('#site-root')
    expect(page.url()).toBe('/')
    expect(await page.isWindowMarked()).toBe(false)
    expect(await page.eval(() => document.documentElement.lang)).toBe('en')
  })

  test('browser back after switching root layouts shows the previous root layout', async () => {
    const page = await app.browser('/about')
    await page.click('#link-admin')
    await page.waitFor('#admin-root')
    await page.back()
    await page.waitForText('#page', 'About')
    expect(await page.eval(() => document.documentElement.dataset.root)).toBe('site')
    expect(await page.count('#admin-root')).toBe(0)
  })
})
