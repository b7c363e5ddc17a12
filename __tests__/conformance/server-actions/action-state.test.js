// Follows vercel/next.js test/e2e/app-dir/actions/app-action-form-state.test.ts
// (useActionState with and without JS), test/e2e/app-dir/actions/app-action.test.ts
// ("should support useFormStatus", "should support .bind", actions called from event
// handlers returning values, "should revalidate when cookies.set is called" /
// revalidatePath / revalidateTag cases) and test/e2e/app-dir/use-cache/ updateTag cases.
import { useFixture } from '../harness/index.js'
import { useStateServer } from '../harness/state-server.js'

const state = useStateServer()
const app = useFixture(new URL('./fixtures/action-state', import.meta.url), { env: state })

async function readNumber(page, selector) {
  return Number(await page.text(selector))
}

describe('server-actions: action state and calls', () => {
  test('useActionState renders its initial state on the server', async () => {
    const $ = await app.render$('/')
    expect($('#signup-attempts').text()).toBe('0')
    expect($('#signup-error').text()).toBe('')
    expect($('#signup-message').text()).toBe('')
    expect($('#signup-submit').text()).toBe('Sign up')
  })

  test('useActionState shows the state returned by the action, including validation errors', async () => {
    const page = await app.browser('/')
    await page.markWindow()
    await page.type('#signup-name', 'Al')
    await page.click('#signup-submit')
    await page.waitForText('#signup-error', 'Name must be at least 3 characters')
    expect(await page.text('#signup-attempts')).toBe('1')
    // The previous state reaches the action on the next submission.
    await page.type('#signup-name', 'Alan')
    await page.click('#signup-submit')
    await page.waitForText('#signup-message', 'Welcome, Alan!')
    expect(await page.text('#signup-error')).toBe('')
    expect(await page.text('#signup-attempts')).toBe('2')
    expect(await page.isWindowMarked()).toBe(true)
    expect(page.errors).toEqual([])
  })

  test('useFormStatus reports pending while the action runs', async () => {
    const page = await app.browser('/')
    await page.type('#signup-name', 'slow')
    await page.click('#signup-submit')
    await page.waitForText('#signup-submit', 'Submitting…')
    expect(await page.eval(() => document.querySelector('#signup-submit').disabled)).toBe(true)
    await page.waitForText('#signup-message', 'Welcome, slow!')
    await page.waitForText('#signup-submit', 'Sign up')
    expect(await page.eval(() => document.querySelector('#signup-submit').disabled)).toBe(false)
  })

  test('without JavaScript useActionState state comes back in the HTML', async () => {
    const page = await app.browser('/', { javaScriptEnabled: false })
    await page.type('#signup-name', 'Al')
    await page.click('#signup-submit')
    await page.waitForText('#signup-error', 'Name must be at least 3 characters')
    expect(await page.text('#signup-attempts')).toBe('1')
    expect(page.url()).toBe('/')
  })

  test('an action called from an event handler returns its value to the client', async () => {
    const page = await app.browser('/')
    await page.click('#multiply')
    await page.waitForText('#product', '42')
    // Dates survive the trip as Date objects.
    expect(await page.text('#product-date')).toBe('1970-01-01T00:00:00.000Z')
    expect(page.errors).toEqual([])
  })

  test('an action with an argument bound on the server receives it with the client argument', async () => {
    const page = await app.browser('/')
    await page.click('#greet')
    await page.waitForText('#greeting', 'Hello, Ada!')
  })

  test('revalidatePath in an action called from an event handler re-renders the page', async () => {
    const page = await app.browser('/')
    const visitsBefore = await readNumber(page, '#visits')
    await page.markWindow()
    await page.click('#record-visit')
    await page.waitForText('#visit-returned', String(visitsBefore + 1))
    await page.waitForText('#visits', String(visitsBefore + 1))
    expect(await page.isWindowMarked()).toBe(true)
  })

  test('an action that does not revalidate leaves cached data stale', async () => {
    const page = await app.browser('/tags')
    const rawBefore = await readNumber(page, '#raw')
    const cachedBefore = await readNumber(page, '#cached')
    await page.click('#increment-only')
    await page.waitForText('#done', 'increment-only')
    await page.reload()
    expect(await readNumber(page, '#raw')).toBe(rawBefore + 1)
    expect(await readNumber(page, '#cached')).toBe(cachedBefore)
  })

  test('updateTag in an action refreshes the tagged data in the same response', async () => {
    const page = await app.browser('/tags')
    const rawBefore = await readNumber(page, '#raw')
    await page.markWindow()
    await page.click('#increment-update-tag')
    await page.waitForText('#done', 'increment-update-tag')
    await page.waitForText('#raw', String(rawBefore + 1))
    await page.waitForText('#cached', String(rawBefore + 1))
    expect(await page.isWindowMarked()).toBe(true)
  })

  test('revalidateTag in an action makes later requests see fresh tagged data', async () => {
    const page = await app.browser('/tags')
    const rawBefore = await readNumber(page, '#raw')
    await page.click('#increment-revalidate-tag')
    await page.waitForText('#done', 'increment-revalidate-tag')
    // Stale-while-revalidate: a request may still get the old value once; poll with a deadline.
    const deadline = Date.now() + 20_000
    let cached = null
    while (Date.now() < deadline) {
      const $ = await app.render$('/tags')
      cached = Number($('#cached').text())
      if (cached === rawBefore + 1) break
      await new Promise((resolve) => setTimeout(resolve, 250))
    }
    expect(cached).toBe(rawBefore + 1)
  })
})
