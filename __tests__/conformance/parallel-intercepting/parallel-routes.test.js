// Follows vercel/next.js test/e2e/app-dir/parallel-routes-and-interception/
// parallel-routes-and-interception.test.ts ("should match parallel routes", "should render
// the default.js of a slot on hard navigation", "should navigate to a parallel route and
// keep the other slots", "should throw a 404 when no matching parallel route is found").
import { useFixture } from '../harness/index.js'

const app = useFixture(new URL('./fixtures/parallel-routes', import.meta.url))

async function slotTexts(page) {
  return {
    children: await page.text('#children-slot #heading'),
    team: await page.text('#team-slot #team'),
    analytics: await page.text('#analytics-slot #analytics'),
  }
}

describe('parallel-intercepting: parallel routes', () => {
  test('@slot folders are rendered as layout props next to children', async () => {
    const $ = await app.render$('/dashboard')
    expect($('#dashboard-layout #children-slot #heading').text()).toBe('Dashboard')
    expect($('#dashboard-layout #team-slot #team-layout #team').text()).toBe('Team overview')
    expect($('#dashboard-layout #analytics-slot #analytics').text()).toBe('Analytics overview')
  })

  test('a hard load matches each slot separately and uses default.js where a slot has no match', async () => {
    const $ = await app.render$('/dashboard/members')
    expect($('#children-slot #heading').text()).toBe('Members')
    expect($('#team-slot #team').text()).toBe('Team members list')
    expect($('#analytics-slot #analytics').text()).toBe('Analytics default')
  })

  test('a hard load where no slot matches uses default.js for every slot', async () => {
    const response = await app.fetch('/dashboard/settings')
    expect(response.status).toBe(200)
    const $ = await app.render$('/dashboard/settings')
    expect($('#children-slot #heading').text()).toBe('Settings')
    expect($('#team-slot #team').text()).toBe('Team default')
    expect($('#analytics-slot #analytics').text()).toBe('Analytics default')
  })

  test('a soft navigation keeps the content of slots that do not match the new URL', async () => {
    const page = await app.browser('/dashboard')
    await page.markWindow()
    await page.click('#nav-settings')
    await page.waitForText('#children-slot #heading', 'Settings')
    expect(await slotTexts(page)).toEqual({ children: 'Settings', team: 'Team overview', analytics: 'Analytics overview' })
    expect(await page.isWindowMarked()).toBe(true)
    expect(page.errors).toEqual([])
  })

  test('a soft navigation updates a slot that matches the new URL and keeps the others', async () => {
    const page = await app.browser('/dashboard')
    await page.click('#nav-members')
    await page.waitForText('#children-slot #heading', 'Members')
    await page.waitForText('#team-slot #team', 'Team members list')
    expect(await page.text('#analytics-slot #analytics')).toBe('Analytics overview')
  })

  test('client state in a slot layout survives soft navigations', async () => {
    const page = await app.browser('/dashboard')
    await page.click('#team-counter')
    await page.click('#team-counter')
    await page.waitForText('#team-counter', '2')
    await page.click('#nav-members')
    await page.waitForText('#team-slot #team', 'Team members list')
    await page.click('#nav-settings')
    await page.waitForText('#children-slot #heading', 'Settings')
    expect(await page.text('#team-counter')).toBe('2')
    expect(await page.text('#team-slot #team')).toBe('Team members list')
  })

  test('reloading after a soft navigation falls back to default.js', async () => {
    const page = await app.browser('/dashboard')
    await page.click('#nav-settings')
    await page.waitForText('#children-slot #heading', 'Settings')
    await page.reload()
    expect(await slotTexts(page)).toEqual({ children: 'Settings', team: 'Team default', analytics: 'Analytics default' })
  })

  test('going back restores the slots of the previous URL', async () => {
    const page = await app.browser('/dashboard/members')
    await page.markWindow()
    await page.click('#nav-settings')
    await page.waitForText('#children-slot #heading', 'Settings')
    await page.back()
    await page.waitForText('#children-slot #heading', 'Members')
    expect(await slotTexts(page)).toEqual({ children: 'Members', team: 'Team members list', analytics: 'Analytics default' })
    expect(await page.isWindowMarked()).toBe(true)
  })

  test('a slot whose default.js calls notFound() makes an unmatched hard load a 404', async () => {
    const matched = await app.fetch('/strict')
    expect(matched.status).toBe(200)
    const $strict = await app.render$('/strict')
    expect($strict('#panel-slot #panel').text()).toBe('Panel content')

    const unmatched = await app.fetch('/strict/other')
    expect(unmatched.status).toBe(404)
    const page = await app.browser('/strict/other')
    await page.waitForText('#not-found', 'Page not found')
    expect(await page.count('#strict-layout')).toBe(0)
  })

  test('a soft navigation to that URL keeps the slot content instead', async () => {
    const page = await app.browser('/strict')
    await page.markWindow()
    await page.click('#nav-strict-other')
    await page.waitForText('#strict-children #heading', 'Strict other')
    expect(await page.text('#panel-slot #panel')).toBe('Panel content')
    expect(await page.count('#not-found')).toBe(0)
    expect(await page.isWindowMarked()).toBe(true)
  })
})
