// Follows vercel/next.js test/e2e/app-dir/parallel-routes-and-interception/
// parallel-routes-and-interception.test.ts ("should intercept on routes with a @modal
// slot", "should render the full page on hard navigation", "should close the modal on
// back navigation") and the docs' modal example (app/@modal/(.)photo/[id]).
import { useFixture } from '../harness/index.js'

const app = useFixture(new URL('./fixtures/intercepting-routes', import.meta.url))

async function openPhotoModal(page, id) {
  await page.click(`#open-photo-${id}`)
  await page.waitForText('#modal-heading', `Photo ${id} (modal)`)
}

describe('parallel-intercepting: intercepting routes', () => {
  test('the list page renders without a modal', async () => {
    const $ = await app.render$('/')
    expect($('#children-slot #heading').text()).toBe('Gallery')
    expect($('#modal').length).toBe(0)
    expect($('#open-photo-1').attr('href')).toBe('/photo/1')
  })

  test('a soft navigation to an intercepted route shows the modal over the list page', async () => {
    const page = await app.browser('/')
    await page.markWindow()
    await openPhotoModal(page, 1)
    expect(page.url()).toBe('/photo/1')
    expect(await page.text('#children-slot #heading')).toBe('Gallery')
    expect(await page.count('#photo-page')).toBe(0)
    expect(await page.isWindowMarked()).toBe(true)
    expect(page.errors).toEqual([])
  })

  test('the list page keeps its client state under the modal', async () => {
    const page = await app.browser('/')
    await page.click('#likes')
    await page.click('#likes')
    await page.waitForText('#likes', '2')
    await openPhotoModal(page, 2)
    expect(await page.text('#likes')).toBe('2')
  })

  test('a hard load of the intercepted URL renders the full page', async () => {
    const response = await app.fetch('/photo/1')
    expect(response.status).toBe(200)
    const $ = await app.render$('/photo/1')
    expect($('#photo-page #heading').text()).toBe('Photo 1 (full page)')
    expect($('#modal').length).toBe(0)
    expect($('#gallery').length).toBe(0)
  })

  test('reloading while the modal is open renders the full page', async () => {
    const page = await app.browser('/')
    await openPhotoModal(page, 3)
    await page.reload()
    await page.waitForText('#heading', 'Photo 3 (full page)')
    expect(await page.count('#modal')).toBe(0)
    expect(await page.count('#gallery')).toBe(0)
  })

  test('going back closes the modal and forward opens it again', async () => {
    const page = await app.browser('/')
    await page.markWindow()
    await openPhotoModal(page, 1)
    await page.back()
    await page.page.waitForFunction(() => document.querySelector('#modal') === null)
    expect(page.url()).toBe('/')
    expect(await page.text('#children-slot #heading')).toBe('Gallery')
    await page.forward()
    await page.waitForText('#modal-heading', 'Photo 1 (modal)')
    expect(await page.text('#children-slot #heading')).toBe('Gallery')
    expect(await page.isWindowMarked()).toBe(true)
  })

  test('router.back() from inside the modal closes it', async () => {
    const page = await app.browser('/')
    await openPhotoModal(page, 2)
    await page.click('#close-modal')
    await page.waitForUrl('/')
    await page.page.waitForFunction(() => document.querySelector('#modal') === null)
    expect(await page.text('#children-slot #heading')).toBe('Gallery')
  })

  test('a soft navigation to another route closes the modal through the catch-all slot page', async () => {
    const page = await app.browser('/')
    await page.markWindow()
    await openPhotoModal(page, 1)
    await page.click('#modal-to-about')
    await page.waitForText('#children-slot #heading', 'About')
    expect(await page.count('#modal')).toBe(0)
    expect(page.url()).toBe('/about')
    expect(await page.isWindowMarked()).toBe(true)
  })
})
