// Follows vercel/next.js test/e2e/app-dir/rewrites-redirects/rewrites-redirects.test.ts and
// test/integration/custom-routes/test/index.test.js (redirects, beforeFiles/afterFiles/fallback
// rewrites, headers with params and `has` conditions).
import { useFixture } from '../harness/index.js'

const app = useFixture(new URL('./fixtures/redirects-rewrites-headers', import.meta.url))

function locationPath(response) {
  const location = new URL(response.headers.get('location'), app.url('/'))
  return location.pathname + location.search
}

describe('next-config: redirects, rewrites and headers', () => {
  test('a permanent redirect answers 308 and substitutes params', async () => {
    const response = await app.fetch('/old-blog/first-post', { redirect: 'manual' })
    expect(response.status).toBe(308)
    expect(locationPath(response)).toBe('/blog/first-post')
  })

  test('a temporary redirect answers 307 and keeps the query string', async () => {
    const response = await app.fetch('/temporary?ref=mail', { redirect: 'manual' })
    expect(response.status).toBe(307)
    expect(locationPath(response)).toBe('/about?ref=mail')
  })

  test('a redirect with a :path* param carries every segment', async () => {
    const response = await app.fetch('/docs/guides/getting-started', { redirect: 'manual' })
    expect(response.status).toBe(307)
    expect(locationPath(response)).toBe('/documentation/guides/getting-started')

    const $ = await app.render$('/docs/guides/getting-started')
    expect($('#page').text()).toBe('Documentation')
    expect($('#path').text()).toBe('guides/getting-started')
  })

  test('external destinations, explicit status codes and has conditions', async () => {
    const external = await app.fetch('/external', { redirect: 'manual' })
    expect(external.status).toBe(307)
    expect(external.headers.get('location')).toBe('https://example.com/landing')

    const custom = await app.fetch('/gone-301', { redirect: 'manual' })
    expect(custom.status).toBe(301)
    expect(locationPath(custom)).toBe('/about')

    const matched = await app.fetch('/conditional?go=yes', { redirect: 'manual' })
    expect(matched.status).toBe(307)
    expect(new URL(matched.headers.get('location'), app.url('/')).pathname).toBe('/about')
    const unmatched = await app.fetch('/conditional?go=no', { redirect: 'manual' })
    expect(unmatched.status).toBe(404)
  })

  test('an afterFiles rewrite with params serves the destination under the source URL', async () => {
    const response = await app.fetch('/articles/rewritten-post', { redirect: 'manual' })
    expect(response.status).toBe(200)
    const $ = await app.render$('/articles/rewritten-post')
    expect($('#page').text()).toBe('Blog')
    expect($('#slug').text()).toBe('rewritten-post')
  })

  test('rewrite params missing from the destination are passed as search params', async () => {
    const $ = await app.render$('/search/shoes')
    expect($('#page').text()).toBe('Results')
    expect($('#term').text()).toBe('shoes')
  })

  // The handler's request keeps the URL the client asked for.
  test('a rewrite can target a route handler', async () => {
    const response = await app.fetch('/proxy-api/a/b')
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ handler: 'echo', pathname: '/proxy-api/a/b' })
  })

  test('beforeFiles rewrites shadow pages; afterFiles rewrites do not', async () => {
    const shadowed = await app.render$('/shadowed')
    expect(shadowed('#page').text()).toBe('Blog')
    expect(shadowed('#slug').text()).toBe('from-before-files')

    const about = await app.render$('/about')
    expect(about('#page').text()).toBe('About')
  })

  test('afterFiles rewrites apply before dynamic routes; fallback rewrites only when nothing matched', async () => {
    const special = await app.render$('/items/special')
    expect(special('#page').text()).toBe('Blog')
    expect(special('#slug').text()).toBe('special-item')

    const dynamic = await app.render$('/items/42')
    expect(dynamic('#page').text()).toBe('Item')
    expect(dynamic('#id').text()).toBe('42')

    const fallback = await app.fetch('/items/42/details')
    expect(fallback.status).toBe(200)
    const $ = await app.render$('/items/42/details')
    expect($('#page').text()).toBe('Fallback')
    expect($('#path').text()).toBe('42/details')
  })

  test('headers() adds headers on matching paths only', async () => {
    const about = await app.fetch('/about')
    expect(about.headers.get('x-about-header')).toBe('about page')
    expect(about.headers.get('x-global-header')).toBe('everywhere')

    const home = await app.fetch('/')
    expect(home.headers.get('x-about-header')).toBeNull()
    expect(home.headers.get('x-global-header')).toBe('everywhere')
  })

  test('header values substitute params and honour has conditions', async () => {
    const blog = await app.fetch('/blog/my-post')
    expect(blog.headers.get('x-blog-slug')).toBe('slug is my-post')

    const withCondition = await app.fetch('/items/7', { headers: { 'x-want-extra': '1' } })
    expect(withCondition.headers.get('x-extra')).toBe('granted')
    const withoutCondition = await app.fetch('/items/7')
    expect(withoutCondition.headers.get('x-extra')).toBeNull()
  })

  test('client navigations follow config redirects and rewrites', async () => {
    const page = await app.browser('/')
    await page.markWindow()
    await page.click('#link-articles')
    await page.waitForText('#slug', 'linked')
    expect(page.url()).toBe('/articles/linked')

    await page.click('#link-temporary')
    await page.waitForText('#page', 'About')
    await page.waitForUrl('/about')
  })
})
