// Follows vercel/next.js test/e2e/app-dir/metadata/metadata.test.ts ("basic", "title template",
// "opengraph", "twitter", "robots", "viewport", "icons", "navigation").
import { useFixture } from '../harness/index.js'

const app = useFixture(new URL('./fixtures/metadata-api', import.meta.url))

function metaContent($, attribute, name) {
  return $(`meta[${attribute}="${name}"]`).attr('content')
}

describe('metadata: metadata API', () => {
  test('the root layout metadata gives the default title and description', async () => {
    const $ = await app.render$('/')
    expect($('title').text()).toBe('Acme')
    expect($('title').length).toBe(1)
    expect(metaContent($, 'name', 'description')).toBe('Acme builds things')
    expect(metaContent($, 'name', 'application-name')).toBe('Acme App')
    expect(metaContent($, 'name', 'keywords')).toBe('acme,things')
    expect($('meta[charset]').attr('charset')).toBe('utf-8')
  })

  test('a page title fills the parent title template; the page description overrides', async () => {
    const $ = await app.render$('/about')
    expect($('title').text()).toBe('About | Acme')
    expect(metaContent($, 'name', 'description')).toBe('About Acme')
    expect($('meta[name="description"]').length).toBe(1)
  })

  test('an absolute title ignores the template', async () => {
    const $ = await app.render$('/absolute')
    expect($('title').text()).toBe('Standalone Title')
  })

  test('generateMetadata reads params; the nearest layout template applies', async () => {
    const $ = await app.render$('/blog/hello-world')
    expect($('title').text()).toBe('Hello World - Acme Blog')
    expect(metaContent($, 'name', 'description')).toBe('Read the post hello-world')
    expect($('link[rel="canonical"]').attr('href')).toBe('https://acme.example/blog/hello-world')
  })

  test('Open Graph fields become og: meta tags with URLs resolved against metadataBase', async () => {
    const $ = await app.render$('/about')
    expect(metaContent($, 'property', 'og:title')).toBe('About Acme on social')
    expect(metaContent($, 'property', 'og:description')).toBe('Who we are')
    expect(metaContent($, 'property', 'og:url')).toBe('https://acme.example/about')
    expect(metaContent($, 'property', 'og:site_name')).toBe('Acme')
    expect(metaContent($, 'property', 'og:locale')).toBe('en_US')
    expect(metaContent($, 'property', 'og:type')).toBe('website')
    expect(metaContent($, 'property', 'og:image')).toBe('https://acme.example/og/about.png')
    expect(metaContent($, 'property', 'og:image:width')).toBe('800')
    expect(metaContent($, 'property', 'og:image:height')).toBe('600')
    expect(metaContent($, 'property', 'og:image:alt')).toBe('About image')
  })

  test('an article Open Graph from generateMetadata and Twitter card tags', async () => {
    const post = await app.render$('/blog/hello-world')
    expect(metaContent(post, 'property', 'og:type')).toBe('article')
    expect(metaContent(post, 'property', 'og:title')).toBe('Hello World')
    expect(metaContent(post, 'property', 'og:image')).toBe('https://acme.example/og/hello-world.png')
    expect(metaContent(post, 'property', 'article:published_time')).toBe('2024-01-02T03:04:05.000Z')
    expect(metaContent(post, 'property', 'article:author')).toBe('Ada Lovelace')

    const about = await app.render$('/about')
    expect(metaContent(about, 'name', 'twitter:card')).toBe('summary_large_image')
    expect(metaContent(about, 'name', 'twitter:title')).toBe('About Acme on Twitter')
    expect(metaContent(about, 'name', 'twitter:creator')).toBe('@acme')
  })

  test('robots metadata renders robots and googlebot meta tags', async () => {
    const $ = await app.render$('/private')
    expect(metaContent($, 'name', 'robots')).toBe('noindex, follow')
    expect(metaContent($, 'name', 'googlebot')).toBe('index, nofollow, max-image-preview:large')

    const home = await app.render$('/')
    expect(home('meta[name="robots"]').length).toBe(0)
  })

  test('the viewport export renders viewport, theme-color and color-scheme meta tags', async () => {
    const home = await app.render$('/')
    expect(metaContent(home, 'name', 'viewport')).toBe('width=device-width, initial-scale=1')
    expect(metaContent(home, 'name', 'theme-color')).toBe('#0070f3')

    const $ = await app.render$('/themed')
    expect(metaContent($, 'name', 'viewport')).toBe(
      'width=device-width, initial-scale=1, maximum-scale=2, user-scalable=no',
    )
    expect(metaContent($, 'name', 'color-scheme')).toBe('dark light')
    const themeColors = $('meta[name="theme-color"]')
      .map((_, element) => `${$(element).attr('media')} ${$(element).attr('content')}`)
      .get()
    expect(themeColors).toEqual(['(prefers-color-scheme: light) #ffffff', '(prefers-color-scheme: dark) #000000'])
  })

  test('icons metadata renders icon, shortcut icon and apple-touch-icon links', async () => {
    const $ = await app.render$('/icons')
    const icons = $('link[rel="icon"]')
      .map((_, element) => ({
        href: $(element).attr('href'),
        sizes: $(element).attr('sizes'),
        type: $(element).attr('type'),
      }))
      .get()
    expect(icons).toEqual([
      { href: '/icon-32.png', sizes: '32x32', type: 'image/png' },
      { href: '/icon.svg', sizes: undefined, type: undefined },
    ])
    expect($('link[rel="shortcut icon"]').attr('href')).toBe('/shortcut.png')
    expect($('link[rel="apple-touch-icon"]').attr('href')).toBe('/apple-icon.png')
    expect($('link[rel="apple-touch-icon"]').attr('sizes')).toBe('180x180')
  })

  test('client navigation updates document.title', async () => {
    const page = await app.browser('/')
    expect(await page.eval(() => document.title)).toBe('Acme')
    await page.markWindow()
    await page.click('#link-about')
    await page.waitForText('#page', 'About')
    await page.page.waitForFunction(() => document.title === 'About | Acme')
    await page.click('#link-post')
    await page.waitForText('#page', 'Post hello-world')
    await page.page.waitForFunction(() => document.title === 'Hello World - Acme Blog')
    expect(await page.isWindowMarked()).toBe(true)
  })
})
