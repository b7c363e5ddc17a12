// Follows vercel/next.js test/e2e/app-dir/forbidden/basic and
// test/e2e/app-dir/unauthorized/basic: `forbidden()` and `unauthorized()` with
// `experimental.authInterrupts`, a segment's own forbidden.js, and Next's default
// pages where there is none. Next 16 sends these statuses with an error shell and
// shows the page from the flight data, so what they show is checked in the browser.
import * as cheerio from 'cheerio'

import { useFixture } from '../harness/index.js'

const app = useFixture(new URL('./fixtures/auth-interrupts', import.meta.url))

async function status(path, session) {
  return (await app.fetch(path, { headers: session ? { cookie: `session=${session}` } : {} })).status
}

/** Opens `path` in chromium with `session` as the session cookie (none when undefined). */
async function open(path, session) {
  const page = await app.browser('/')
  if (session) await page.page.context().addCookies([{ name: 'session', value: session, url: app.url('/') }])
  await page.goto(path)
  return page
}

describe('rendering: forbidden() and unauthorized()', () => {
  test('unauthorized() answers 401 and shows Next\'s default page inside the root layout', async () => {
    expect(await status('/account')).toBe(401)
    const page = await open('/account')
    await page.waitForText('#root-layout h2', "You're not authorized to access this page.")
    expect(await page.text('#root-layout h1')).toBe('401')
    expect(await page.eval(() => document.title)).toBe("401: You're not authorized to access this page.")
  })

  test('forbidden() answers 403 and shows the segment\'s forbidden.js, or Next\'s default page without one', async () => {
    expect(await status('/admin', 'member')).toBe(403)
    const admin = await open('/admin', 'member')
    await admin.waitForText('#root-layout #admin-forbidden', 'Admins only')
    expect(await status('/account', 'guest')).toBe(403)
    const account = await open('/account', 'guest')
    await account.waitForText('#root-layout h2', 'This page could not be accessed.')
    expect(await account.text('#root-layout h1')).toBe('403')
  })

  test('the page renders when the check passes', async () => {
    const response = await app.fetch('/admin', { headers: { cookie: 'session=admin' } })
    expect(response.status).toBe(200)
    expect(cheerio.load(await response.text())('#admin').text()).toBe('Admin area')
  })

  test('a client navigation to a page calling forbidden() shows its forbidden.js without a reload', async () => {
    const page = await open('/', 'member')
    await page.markWindow()
    await page.click('#link-admin')
    await page.waitForText('#admin-forbidden', 'Admins only')
    expect(page.url()).toBe('/admin')
    expect(await page.isWindowMarked()).toBe(true)
  })
})
