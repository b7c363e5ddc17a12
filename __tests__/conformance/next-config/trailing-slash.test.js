// Follows vercel/next.js test/e2e/app-dir/trailingslash/trailingslash.test.ts.
import { useFixture } from '../harness/index.js'

const app = useFixture(new URL('./fixtures/trailing-slash', import.meta.url))

function locationPath(response) {
  const location = new URL(response.headers.get('location'), app.url('/'))
  return location.pathname + location.search
}

describe('next-config: trailingSlash', () => {
  test('a page requested without the slash redirects 308 to the slashed URL', async () => {
    const response = await app.fetch('/about', { redirect: 'manual' })
    expect(response.status).toBe(308)
    expect(locationPath(response)).toBe('/about/')
  })

  test('the slashed URL is served directly', async () => {
    const response = await app.fetch('/about/', { redirect: 'manual' })
    expect(response.status).toBe(200)
    expect(await response.text()).toContain('<h1 id="page">About</h1>')

    const home = await app.fetch('/', { redirect: 'manual' })
    expect(home.status).toBe(200)
  })

  test('dynamic routes and route handlers redirect too, keeping the query', async () => {
    const post = await app.fetch('/blog/first?ref=mail', { redirect: 'manual' })
    expect(post.status).toBe(308)
    expect(locationPath(post)).toBe('/blog/first/?ref=mail')

    const api = await app.fetch('/api/ping', { redirect: 'manual' })
    expect(api.status).toBe(308)
    expect(locationPath(api)).toBe('/api/ping/')
    const followed = await app.fetch('/api/ping/')
    expect(await followed.json()).toEqual({ pathname: '/api/ping/' })
  })

  test('files with an extension are served without a trailing slash', async () => {
    const file = await app.fetch('/notes.txt', { redirect: 'manual' })
    expect(file.status).toBe(200)
    expect(await file.text()).toBe('plain file\n')

    const slashed = await app.fetch('/notes.txt/', { redirect: 'manual' })
    expect(slashed.status).toBe(308)
    expect(locationPath(slashed)).toBe('/notes.txt')
  })

  test('links are rendered with a trailing slash', async () => {
    const $ = await app.render$('/')
    expect($('#link-home').attr('href')).toBe('/')
    expect($('#link-about').attr('href')).toBe('/about/')
    expect($('#link-post').attr('href')).toBe('/blog/first/?ref=nav')
  })

  test('metadata URLs get the trailing slash', async () => {
    const $ = await app.render$('/about/')
    expect($('link[rel="canonical"]').attr('href')).toBe('https://trailing.example/about/')
  })

  test('a browser opening the bare URL lands on the slashed page', async () => {
    const page = await app.browser('/about')
    await page.waitForText('#page', 'About')
    expect(page.url()).toBe('/about/')
  })

  test('client navigation goes to slashed URLs without a full reload', async () => {
    const page = await app.browser('/')
    await page.markWindow()
    await page.click('#link-about')
    await page.waitForText('#page', 'About')
    expect(page.url()).toBe('/about/')
    await page.click('#link-post')
    await page.waitForText('#slug', 'first')
    expect(page.url()).toBe('/blog/first/?ref=nav')
    expect(await page.isWindowMarked()).toBe(true)
  })
})
