// Follows vercel/next.js test/e2e/app-document/ (rendering.test.ts, client.test.ts: custom
// _document lang, body class and head tags; _app wrapping and state across navigations),
// test/e2e/api-support/api-support.test.ts (query and JSON body parsing, status codes,
// dynamic API routes, res.redirect) and test/integration/404-page/test/index.test.ts
// (a custom pages/404 answers with status 404).
import * as cheerio from 'cheerio'

import { useFixture } from '../harness/index.js'

const app = useFixture(new URL('./fixtures/app-document-api', import.meta.url))

describe('pages-router: custom _app, _document, 404 and API routes', () => {
  test('a custom _document sets the html lang, the body class and extra head and body markup', async () => {
    const $ = await app.render$('/')
    expect($('html').attr('lang')).toBe('fr')
    expect($('html').attr('data-document')).toBe('custom')
    expect($('body').attr('class')).toBe('custom-body')
    expect($('head meta[name="document-meta"]').attr('content')).toBe('from _document')
    // Markup outside <Main /> is rendered around the page root.
    expect($('body > #document-banner').text()).toBe('Banner from _document')
    expect($('body > #__next #app-wrapper #page').text()).toBe('Home')
  })

  test('a custom _app wraps every page and passes it extra props', async () => {
    for (const [path, heading] of [
      ['/', 'Home'],
      ['/about', 'About'],
    ]) {
      const $ = await app.render$(path)
      expect($('#__next > #app-wrapper #page').text()).toBe(heading)
      expect($('#app-wrapper #from-app').text()).toBe('injected by _app')
    }
  })

  test("the _app's state survives client-side navigation between pages", async () => {
    const page = await app.browser('/')
    await page.click('#app-counter')
    await page.click('#app-counter')
    await page.waitForText('#app-counter', '2')
    await page.markWindow()
    await page.click('#link-about')
    await page.waitForText('#page', 'About')
    expect(await page.text('#app-counter')).toBe('2')
    expect(await page.isWindowMarked()).toBe(true)
    expect(page.url()).toBe('/about')
  })

  test('global CSS imported by _app applies to the pages', async () => {
    const page = await app.browser('/about')
    const border = await page.eval(() => {
      const style = getComputedStyle(document.querySelector('#app-wrapper'))
      return [style.borderLeftWidth, style.borderLeftStyle, style.borderLeftColor]
    })
    expect(border).toEqual(['5px', 'solid', 'rgb(0, 100, 0)'])
  })

  test('an unknown path renders pages/404 with status 404 inside _app and _document', async () => {
    const response = await app.fetch('/does/not/exist')
    expect(response.status).toBe(404)
    expect(response.headers.get('content-type')).toMatch(/^text\/html/)
    const $ = cheerio.load(await response.text())
    expect($('#app-wrapper #not-found').text()).toBe('Custom 404: nothing here')
    expect($('html').attr('lang')).toBe('fr')
    expect($('body').attr('class')).toBe('custom-body')
  })

  test('an API route answers GET with the query as JSON', async () => {
    const response = await app.fetch('/api/hello?name=next&tag=a&tag=b')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8')
    expect(await response.json()).toEqual({ method: 'GET', query: { name: 'next', tag: ['a', 'b'] } })
  })

  test('an API route gets a parsed JSON body and sets the status; other methods get 405', async () => {
    const created = await app.fetch('/api/hello', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'hello', tags: [1, 2] }),
    })
    expect(created.status).toBe(201)
    expect(await created.json()).toEqual({ method: 'POST', body: { title: 'hello', tags: [1, 2] } })

    const rejected = await app.fetch('/api/hello', { method: 'PUT' })
    expect(rejected.status).toBe(405)
    expect(rejected.headers.get('allow')).toBe('GET, POST')
    expect(await rejected.json()).toEqual({ error: 'Method PUT not allowed' })
  })

  test('a dynamic API route gets its param in req.query next to the search params', async () => {
    const response = await app.fetch('/api/users/17?expand=posts')
    expect(response.status).toBe(200)
    expect(response.headers.get('x-user-id')).toBe('17')
    expect(await response.json()).toEqual({ id: '17', query: { id: '17', expand: 'posts' } })
  })

  test('res.redirect in an API route answers the status and location', async () => {
    const response = await app.fetch('/api/go-home', { redirect: 'manual' })
    expect(response.status).toBe(307)
    expect(response.headers.get('location')).toBe('/about')
  })
})
