// Follows vercel/next.js test/e2e/app-dir/rsc-basic/rsc-basic.test.ts ("should render
// client components", "should support passing props to client components", server
// children inside client components, "should not leak server code to the client") and
// test/e2e/app-dir/app/index.test.ts (client component hydration and state).
import { useFixture } from '../harness/index.js'

const app = useFixture(new URL('./fixtures/client-components', import.meta.url))

describe('client: client components', () => {
  test('a client component is rendered on the server with its initial output', async () => {
    const $ = await app.render$('/')
    expect($('#counter-label').text()).toBe('Clicks')
    expect($('#count').text()).toBe('5')
    expect($('#increment').text()).toBe('increment')
  })

  test('a client component hydrates and updates its state on click', async () => {
    const page = await app.browser('/')
    await page.click('#increment')
    await page.waitForText('#count', '6')
    await page.click('#increment')
    await page.waitForText('#count', '7')
    expect(page.errors).toEqual([])
  })

  test('props of several types pass from a server component to a client component', async () => {
    const expected = {
      '#prop-text': 'from the server',
      '#prop-number': 'number:42',
      '#prop-flag': 'boolean:false',
      '#prop-list': 'a,b,c',
      '#prop-nested': 'deep value',
      '#prop-date': '2020-01-02T03:04:05.000Z',
      '#prop-missing': 'undefined',
    }
    const $ = await app.render$('/')
    for (const [selector, text] of Object.entries(expected)) expect($(selector).text()).toBe(text)

    // The hydrated client sees the same (deserialized) props, with no mismatch.
    const page = await app.browser('/')
    for (const [selector, text] of Object.entries(expected)) expect(await page.text(selector)).toBe(text)
    expect(page.errors).toEqual([])
  })

  test('server-rendered children appear inside a client component', async () => {
    const $ = await app.render$('/')
    expect($('#collapsible #collapsible-title').text()).toBe('Server children')
    expect($('#collapsible #collapsible-body #server-child').text()).toBe('Hello Ada from the server (23)')
  })

  test('a client component can hide and show its server-rendered children again', async () => {
    const page = await app.browser('/')
    await page.markWindow()
    await page.click('#toggle')
    await page.waitForText('#toggle', 'show')
    expect(await page.count('#server-child')).toBe(0)
    await page.click('#toggle')
    await page.waitForText('#server-child', 'Hello Ada from the server (23)')
    expect(await page.isWindowMarked()).toBe(true)
  })

  test('effects run only in the browser after hydration', async () => {
    const $ = await app.render$('/')
    expect($('#mounted').text()).toBe('server')
    const page = await app.browser('/')
    await page.waitForText('#mounted', 'browser')
    expect(page.errors).toEqual([])
  })

  test('a client context provider in the layout reaches a client component in the page', async () => {
    const $ = await app.render$('/')
    expect($('#theme').text()).toBe('theme: dark')
    const page = await app.browser('/')
    expect(await page.text('#theme')).toBe('theme: dark')
  })

  test('client code ships in the page scripts, server component code does not', async () => {
    const $ = await app.render$('/')
    const sources = $('script[src]')
      .map((_, element) => $(element).attr('src'))
      .get()
    expect(sources.length).toBeGreaterThan(0)
    const bundles = await Promise.all(sources.map(async (src) => (await app.fetch(src)).text()))
    const allScripts = bundles.join('\n')
    expect(allScripts).toContain('client-bundle-marker-6f1c')
    expect(allScripts).not.toContain('server-only-secret-4b2e')
    expect($.html()).not.toContain('server-only-secret-4b2e')
  })

  test('window.next exposes the Next.js version and the app router flag', async () => {
    const { version } = JSON.parse(app.readFile('node_modules/next/package.json'))
    const page = await app.browser('/')
    const exposed = await page.eval(() => ({
      version: window.next.version,
      appDir: window.next.appDir,
      push: typeof window.next.router?.push,
    }))
    expect(exposed).toEqual({ version, appDir: true, push: 'function' })
  })

  test('hydrating the page logs no errors', async () => {
    const page = await app.browser('/')
    await page.waitForText('#mounted', 'browser')
    await page.click('#increment')
    await page.waitForText('#count', '6')
    expect(page.errors).toEqual([])
  })
})
