// Follows vercel/next.js test/e2e/app-dir/app/index.test.ts ("catch-all routes") and
// test/e2e/app-dir/catchall-specificity/catchall-specificity.test.ts.
import { useFixture } from '../harness/index.js'

const app = useFixture(new URL('./fixtures/catch-all', import.meta.url))

describe('dynamic-routes: catch-all segments', () => {
  test('[...slug] passes a one-element array for a single segment', async () => {
    const $ = await app.render$('/docs/intro')
    expect(JSON.parse($('#params').text())).toEqual({ slug: ['intro'] })
    expect($('#is-array').text()).toBe('true')
  })

  test('[...slug] passes every remaining segment in order', async () => {
    const $ = await app.render$('/docs/a/b/c')
    expect(JSON.parse($('#params').text())).toEqual({ slug: ['a', 'b', 'c'] })
  })

  test('[...slug] does not match its parent path', async () => {
    const response = await app.fetch('/docs')
    expect(response.status).toBe(404)
    expect(await response.text()).toContain('This page could not be found')
  })

  test('catch-all segments keep percent-encoding and an encoded slash does not split', async () => {
    const $ = await app.render$('/docs/a%20b/c%2Fd')
    expect(JSON.parse($('#params').text())).toEqual({ slug: ['a%20b', 'c%2Fd'] })
  })

  test('[[...path]] matches its parent path with the param left out', async () => {
    const response = await app.fetch('/shop')
    expect(response.status).toBe(200)
    const $ = await app.render$('/shop')
    expect(JSON.parse($('#params').text())).toEqual({})
    expect($('#has-path-key').text()).toBe('false')
    expect($('#path-type').text()).toBe('undefined')
  })

  test('[[...path]] passes an array for deeper paths', async () => {
    const $ = await app.render$('/shop/x/y')
    expect(JSON.parse($('#params').text())).toEqual({ path: ['x', 'y'] })
    expect($('#path-type').text()).toBe('array')
  })

  test('a static route wins over a dynamic one, which wins over a catch-all', async () => {
    expect((await app.render$('/blog/featured'))('#page').text()).toBe('Featured (static)')
    expect((await app.render$('/blog/hello'))('#page').text()).toBe('Post (dynamic): hello')
    expect((await app.render$('/blog/2024/05'))('#page').text()).toBe('Archive (catch-all): 2024 / 05')
    // A deeper path under the static name falls through to the catch-all.
    expect((await app.render$('/blog/featured/extra'))('#page').text()).toBe('Archive (catch-all): featured / extra')
    expect((await app.fetch('/blog')).status).toBe(404)
  })

  test('client-side navigation resolves the same route priority', async () => {
    const page = await app.browser('/shop')
    await page.markWindow()
    await page.click('#link-blog-featured')
    await page.waitForText('#page', 'Featured (static)')
    await page.click('#link-blog-post')
    await page.waitForText('#page', 'Post (dynamic): hello')
    await page.click('#link-blog-archive')
    await page.waitForText('#page', 'Archive (catch-all): 2024 / 05')
    expect(await page.isWindowMarked()).toBe(true)
  })

  test('client-side navigation into catch-all routes passes the segments', async () => {
    const page = await app.browser('/shop/men/shirts')
    expect(JSON.parse(await page.text('#params'))).toEqual({ path: ['men', 'shirts'] })
    await page.markWindow()
    await page.click('#link-shop-root')
    await page.waitForText('#params', '{}')
    await page.click('#link-docs-deep')
    await page.waitForText('#page', 'Docs')
    expect(JSON.parse(await page.text('#params'))).toEqual({ slug: ['guide', 'install', 'linux'] })
    expect(await page.isWindowMarked()).toBe(true)
  })
})
