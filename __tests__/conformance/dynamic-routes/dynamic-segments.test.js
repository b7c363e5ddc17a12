// Follows vercel/next.js test/e2e/app-dir/app/index.test.ts ("dynamic routes": "should only
// pass params that apply to the layout"; "searchParams prop": "server component") and
// test/e2e/app-dir/params-hooks-compat (useParams in a client component).
import { useFixture } from '../harness/index.js'

const app = useFixture(new URL('./fixtures/dynamic-segments', import.meta.url))

describe('dynamic-routes: dynamic segments', () => {
  test('a [id] segment passes its value to the page as an awaited params Promise', async () => {
    const $ = await app.render$('/posts/42')
    expect(JSON.parse($('#params').text())).toEqual({ id: '42' })
    expect($('#params-is-promise').text()).toBe('true')
    expect($('#post-layout').attr('data-id')).toBe('42')
  })

  test('generateMetadata receives the same params', async () => {
    const $ = await app.render$('/posts/7')
    expect($('title').text()).toBe('Post 7')
  })

  test('nested dynamic segments give each layout only the params above it', async () => {
    const $ = await app.render$('/shop/shoes/boots')
    expect(JSON.parse($('#layout-params').text())).toEqual({ category: 'shoes' })
    expect(JSON.parse($('#page-params').text())).toEqual({ category: 'shoes', item: 'boots' })
  })

  test('percent-encoded characters in a segment reach params still encoded', async () => {
    const space = await app.render$('/posts/hello%20world')
    expect(JSON.parse(space('#params').text())).toEqual({ id: 'hello%20world' })
    const unicode = await app.render$('/posts/caf%C3%A9')
    expect(JSON.parse(unicode('#params').text())).toEqual({ id: 'caf%C3%A9' })
    // An encoded slash stays inside the one segment instead of splitting it.
    const slash = await app.render$('/posts/a%2Fb')
    expect(JSON.parse(slash('#params').text())).toEqual({ id: 'a%2Fb' })
  })

  test('searchParams is a Promise of the decoded query, repeated keys as arrays', async () => {
    const $ = await app.render$('/search?q=a%20b%26c&tag=x&tag=y&empty=')
    expect($('#search-params-is-promise').text()).toBe('true')
    expect(JSON.parse($('#search-params').text())).toEqual({ q: 'a b&c', tag: ['x', 'y'], empty: '' })
  })

  test('a page with no query gets an empty searchParams object', async () => {
    const $ = await app.render$('/search')
    expect(JSON.parse($('#search-params').text())).toEqual({})
  })

  test('useParams in a client component matches the server params after hydration', async () => {
    const page = await app.browser('/posts/hello%20world')
    await page.waitForText('#client-params', '{"id":"hello%20world"}')
    // No hydration mismatch (the only tolerated error is the missing favicon).
    expect(page.errors.filter((error) => !error.startsWith('Failed to load resource'))).toEqual([])
  })

  test('client-side navigation to another value remounts the dynamic layout but not its parent', async () => {
    const page = await app.browser('/posts/1')
    await page.click('#posts-counter')
    await page.click('#post-counter')
    await page.waitForText('#posts-counter', '1')
    await page.waitForText('#post-counter', '1')
    await page.markWindow()
    await page.click('#link-post-2')
    await page.waitForText('#page', 'Post 2')
    await page.waitForText('#client-params', '{"id":"2"}')
    expect(JSON.parse(await page.text('#params'))).toEqual({ id: '2' })
    expect(await page.eval(() => document.querySelector('#post-layout').dataset.id)).toBe('2')
    // The [id] layout is a new instance for each value; the layout above it is shared.
    expect(await page.text('#post-counter')).toBe('0')
    expect(await page.text('#posts-counter')).toBe('1')
    expect(await page.isWindowMarked()).toBe(true)
  })

  test('client-side navigation to a page with a query renders its searchParams', async () => {
    const page = await app.browser('/posts/1')
    await page.markWindow()
    await page.click('#link-search')
    await page.waitForText('#page', 'Search')
    expect(JSON.parse(await page.text('#search-params'))).toEqual({ q: 'hats', page: '2' })
    expect(page.url()).toBe('/search?q=hats&page=2')
    expect(await page.isWindowMarked()).toBe(true)
  })
})
