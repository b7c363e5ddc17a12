// Follows vercel/next.js test/e2e/app-dir/app/index.test.ts ("should include layouts when
// no direct parent layout", "should not rerender layout when navigating between routes
// in the same layout").
import { useFixture } from '../harness/index.js'

const app = useFixture(new URL('./fixtures/nested-layouts', import.meta.url))

describe('layouts: nested layouts', () => {
  test('the root layout wraps the root page', async () => {
    const $ = await app.render$('/')
    expect($('html').attr('lang')).toBe('en')
    expect($('#root-layout #page').text()).toBe('Home')
    expect($('#dashboard-layout').length).toBe(0)
  })

  test('a nested layout wraps its own page inside the root layout', async () => {
    const $ = await app.render$('/dashboard')
    expect($('#root-layout #dashboard-layout #page').text()).toBe('Dashboard')
  })

  test('a nested layout wraps the pages of its child segments', async () => {
    const $ = await app.render$('/dashboard/settings')
    expect($('#root-layout #dashboard-layout #page').text()).toBe('Settings')
  })

  test('a page is served as HTML with status 200', async () => {
    const response = await app.fetch('/dashboard')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^text\/html/)
  })

  test('a shared layout keeps its client state across navigations', async () => {
    const page = await app.browser('/dashboard')
    await page.click('#counter')
    await page.click('#counter')
    await page.waitForText('#counter', '2')
    await page.markWindow()
    await page.click('#link-settings')
    await page.waitForText('#page', 'Settings')
    expect(await page.text('#counter')).toBe('2')
    expect(await page.isWindowMarked()).toBe(true)
  })

  test('leaving a layout unmounts it', async () => {
    const page = await app.browser('/dashboard/settings')
    await page.click('#link-home')
    await page.waitForText('#page', 'Home')
    expect(await page.count('#dashboard-layout')).toBe(0)
  })
})
