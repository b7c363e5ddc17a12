// Follows vercel/next.js test/e2e/app-dir/worker/worker.test.ts: a client component
// starts a Web Worker from `new URL('./worker', import.meta.url)`, as a classic script
// and as a module, and the worker's own dynamic import loads; a worker named by a plain
// string is the app's own file, not bundled. The fixture is plain JavaScript: a .ts file
// makes `next build` install TypeScript into the app from the registry.
import { useFixture } from '../harness/index.js'

const app = useFixture(new URL('./fixtures/web-workers', import.meta.url))

describe('client: web workers', () => {
  test.each(['classic', 'module'])('a %s worker bundled from new URL() runs and imports a module dynamically', async (kind) => {
    const page = await app.browser(`/${kind}`)
    expect(await page.text('#answer')).toBe('none yet')
    await page.click('#start')
    await page.waitForText('#answer', '3 words from a worker: one two three')
    expect(page.errors).toEqual([])
  })

  test('a worker named by a plain string is loaded from the app as it is', async () => {
    const page = await app.browser('/unbundled')
    await page.click('#start')
    await page.waitForText('#answer', 'a worker from public/')
    expect(page.errors).toEqual([])
  })
})
