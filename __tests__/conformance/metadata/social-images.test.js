// Follows vercel/next.js test/e2e/app-dir/metadata (static opengraph-image and
// twitter-image files, their `.alt.txt`, and Twitter falling back to Open Graph).
import { useFixture } from '../harness/index.js'

const app = useFixture(new URL('./fixtures/social-images', import.meta.url))

/** Each `<meta>` of the head whose property or name starts with og: or twitter:, in order. */
async function socialTags(path) {
  const $ = await app.render$(path)
  return $('head meta')
    .map((_, meta) => [[$(meta).attr('property') ?? $(meta).attr('name'), $(meta).attr('content')]])
    .get()
    .filter(([key]) => /^(og|twitter):/.test(key))
}

const HASHED = (path) => new RegExp(`^https://acme\\.example${path.replace('.', '\\.')}\\?\\S+$`)

describe('metadata: static Open Graph and Twitter image files', () => {
  test('the root files give og:image and twitter:image tags with type, size and alt', async () => {
    const tags = Object.fromEntries(await socialTags('/'))
    expect(tags['og:image']).toMatch(HASHED('/opengraph-image.png'))
    expect(tags['og:image:type']).toBe('image/png')
    expect(tags['og:image:width']).toBe('40')
    expect(tags['og:image:height']).toBe('20')
    expect(tags['og:image:alt']).toBe('Acme card')
    expect(tags['twitter:image']).toMatch(HASHED('/twitter-image.png'))
    expect(tags['twitter:image:type']).toBe('image/png')
    expect(tags['twitter:image:width']).toBe('30')
    expect(tags['twitter:image:height']).toBe('15')
    // The cards take the page's title and description.
    expect(tags['og:title']).toBe('Acme')
    expect(tags['og:description']).toBe('Things Acme makes')
    expect(tags['twitter:card']).toBe('summary_large_image')
    expect(tags['twitter:title']).toBe('Acme')
  })

  test("a nested segment's image file replaces its parent's; the served file matches", async () => {
    const tags = Object.fromEntries(await socialTags('/blog'))
    expect(tags['og:image']).toMatch(HASHED('/blog/opengraph-image.png'))
    expect(tags['og:image:width']).toBe('60')
    expect(tags['og:image:alt']).toBeUndefined()
    expect(tags['twitter:image']).toMatch(HASHED('/twitter-image.png'))
    const { pathname, search } = new URL(tags['og:image'])
    const served = await app.fetch(pathname + search)
    expect(served.status).toBe(200)
    expect(served.headers.get('content-type')).toBe('image/png')
  })

  test("a page's own openGraph images win over a parent's file, and Twitter takes them", async () => {
    const tags = await socialTags('/about')
    const images = tags.filter(([key]) => key === 'og:image' || key === 'twitter:image')
    expect(images).toEqual([
      ['og:image', 'https://acme.example/from-config.png'],
      ['twitter:image', 'https://acme.example/from-config.png'],
    ])
    expect(Object.fromEntries(tags)['twitter:card']).toBe('summary')
    expect(Object.fromEntries(tags)['twitter:title']).toBe('About')
  })
})
