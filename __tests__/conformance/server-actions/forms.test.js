// Follows vercel/next.js test/e2e/app-dir/actions/app-action.test.ts ("should support
// formData and redirect", "should support setting revalidatePath", inline "use server"
// actions) and test/e2e/app-dir/actions/app-action-progressive-enhancement.test.ts
// ("should support formData and redirect without JS").
import { createHash } from 'node:crypto'

import { useFixture } from '../harness/index.js'
import { useStateServer } from '../harness/state-server.js'

const state = useStateServer()
const app = useFixture(new URL('./fixtures/forms', import.meta.url), { env: state })

/** A value no earlier test or run has submitted. */
function uniqueText(prefix) {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`
}

function waitForListItem(page, listSelector, text) {
  return page.waitUntil(
    ([selector, expected]) => [...document.querySelectorAll(`${selector} li`)].some((li) => li.textContent === expected),
    [listSelector, text],
  )
}

/** Posts the item form as a browser without JavaScript does, with `text` and more headers. */
async function postItemForm(text, headers) {
  const $ = await app.render$('/')
  const body = new FormData()
  $('#item-form input[type=hidden]').each((_, input) => body.append($(input).attr('name'), $(input).attr('value') ?? ''))
  body.append('text', text)
  return app.fetch('/', { method: 'POST', body, headers, redirect: 'manual' })
}

/** What the item form's action stored, read from the state server. */
async function storedItems() {
  const response = await fetch(`${state().STATE_SERVER_URL}/read/items`, { method: 'POST', body: 'null' })
  return (await response.json()) ?? []
}

async function submitForm(page, inputSelector, value, buttonSelector) {
  await page.type(inputSelector, value)
  await page.click(buttonSelector)
}

describe('server-actions: forms', () => {
  test('a form with a server action is server-rendered as a multipart POST form', async () => {
    const $ = await app.render$('/')
    for (const form of ['#item-form', '#note-form']) {
      expect($(form).attr('method')?.toLowerCase()).toBe('post')
      expect($(form).attr('enctype')).toBe('multipart/form-data')
      const hiddenNames = $(`${form} input[type=hidden]`)
        .map((_, input) => $(input).attr('name'))
        .get()
      expect(hiddenNames.some((name) => name.startsWith('$ACTION_ID_'))).toBe(true)
    }
  })

  test('submitting an action from a "use server" file re-renders the page via revalidatePath', async () => {
    const text = uniqueText('item')
    const page = await app.browser('/')
    await page.markWindow()
    await submitForm(page, '#item-input', text, '#add-item')
    await waitForListItem(page, '#items', text)
    expect(page.url()).toBe('/')
    expect(await page.isWindowMarked()).toBe(true)
    expect(page.errors).toEqual([])
  })

  test('submitting an inline "use server" action re-renders the page', async () => {
    const note = uniqueText('note')
    const page = await app.browser('/')
    await page.markWindow()
    await submitForm(page, '#note-input', note, '#add-note')
    await waitForListItem(page, '#notes', note)
    expect(await page.isWindowMarked()).toBe(true)
    expect(page.errors).toEqual([])
  })

  test('an inline action gets the values it closes over back, which the page only carries encrypted', async () => {
    const html = await (await app.fetch('/')).text()
    expect(html).toContain('id="tag-form"')
    expect(html).not.toContain('tags-sealed-in-closure')
    const tag = uniqueText('tag')
    const page = await app.browser('/')
    await submitForm(page, '#tag-input', tag, '#add-tag')
    await waitForListItem(page, '#tags', tag)
    expect(page.errors).toEqual([])
  })

  test('without JavaScript an inline action gets the values it closes over back', async () => {
    const tag = uniqueText('nojs-tag')
    const page = await app.browser('/', { javaScriptEnabled: false })
    await submitForm(page, '#tag-input', tag, '#add-tag')
    await waitForListItem(page, '#tags', tag)
  })

  test('without JavaScript the "use server" file action still runs and the page shows the result', async () => {
    const text = uniqueText('nojs-item')
    const page = await app.browser('/', { javaScriptEnabled: false })
    await submitForm(page, '#item-input', text, '#add-item')
    await waitForListItem(page, '#items', text)
    expect(page.url()).toBe('/')
    expect(await page.text('#heading')).toBe('Forms')
  })

  test('without JavaScript an inline action still runs', async () => {
    const note = uniqueText('nojs-note')
    const page = await app.browser('/', { javaScriptEnabled: false })
    await submitForm(page, '#note-input', note, '#add-note')
    await waitForListItem(page, '#notes', note)
    expect(page.url()).toBe('/')
  })

  test('revalidatePath refreshes the prerendered page for later visitors', async () => {
    const text = uniqueText('later')
    const page = await app.browser('/')
    await submitForm(page, '#item-input', text, '#add-item')
    await waitForListItem(page, '#items', text)
    // A plain GET may be served stale once while the page regenerates; poll with a deadline.
    const deadline = Date.now() + 20_000
    let html = ''
    while (Date.now() < deadline) {
      html = await (await app.fetch('/')).text()
      if (html.includes(`<li>${text}</li>`)) break
      await new Promise((resolve) => setTimeout(resolve, 250))
    }
    expect(html).toContain(`<li>${text}</li>`)
  })

  test('redirect() in an action navigates the client to the target', async () => {
    const page = await app.browser('/redirect-form')
    await page.markWindow()
    await submitForm(page, '#name-input', 'Grace Hopper', '#submit-redirect')
    await page.waitForText('#heading', 'Done')
    expect(await page.text('#name')).toBe('Grace Hopper')
    expect(page.url()).toBe('/done?name=Grace%20Hopper')
    expect(await page.isWindowMarked()).toBe(true)
    expect(page.errors).toEqual([])
  })

  test('without JavaScript redirect() in an action ends on the target page', async () => {
    const page = await app.browser('/redirect-form', { javaScriptEnabled: false })
    await submitForm(page, '#name-input', 'Ada', '#submit-redirect')
    await page.waitForUrl('/done?name=Ada')
    expect(await page.text('#heading')).toBe('Done')
    expect(await page.text('#name')).toBe('Ada')
  })

  test('an action posted from another origin is refused and does not run', async () => {
    const text = uniqueText('foreign')
    const foreign = { origin: 'https://attacker.example' }
    expect((await postItemForm(text, foreign)).status).toBe(500)
    const $ = await app.render$('/')
    const id = $('#item-form input[name^="$ACTION_ID_"]').attr('name').slice('$ACTION_ID_'.length)
    const fromScript = await app.fetch('/', { method: 'POST', headers: { ...foreign, 'next-action': id, 'content-type': 'text/plain;charset=UTF-8' }, body: '[]' })
    expect(fromScript.status).toBe(500)
    expect(await storedItems()).not.toContain(text)

    // The same post from the app's own origin runs.
    expect((await postItemForm(text, { origin: new URL(app.url('/')).origin })).status).toBe(200)
    expect(await storedItems()).toContain(text)
  })

  test('an action id computed from the source is not the real one: calling it is refused and nothing runs', async () => {
    const $ = await app.render$('/')
    const real = $('#item-form input[name^="$ACTION_ID_"]').attr('name').slice('$ACTION_ID_'.length)
    // What anyone with the source can compute without the build's secret.
    const guessed = createHash('sha1').update('app/actions.js:addItem').digest('hex')
    expect(real).not.toContain(guessed)
    /** Calls an action by id as the client router does, with one FormData argument in React's reply encoding (the root last: a streaming decoder reads the fields before it). */
    const call = (id, text) => {
      const body = new FormData()
      body.append('_1_text', text)
      body.append('0', '["$K1"]')
      return app.fetch('/', { method: 'POST', headers: { 'next-action': id, accept: 'text/x-component' }, body })
    }
    const forged = uniqueText('forged')
    // Not shaped as an id (Next's are a byte of flags and a SHA-1): 400.
    const invalid = await call(guessed, forged)
    expect([invalid.status, invalid.headers.get('x-nextjs-action-not-found')]).toEqual([400, '1'])
    // Shaped as one, but not the build's: 409, as for a client of another deployment.
    const unknown = await call(`7f${guessed}`, forged)
    expect([unknown.status, unknown.headers.get('x-nextjs-action-not-found')]).toEqual([409, '1'])
    expect(await storedItems()).not.toContain(forged)
    // The real id runs.
    const genuine = uniqueText('genuine')
    expect((await call(real, genuine)).status).toBe(200)
    expect(await storedItems()).toContain(genuine)
  })

  test('an action whose body is over the 1 MB default limit is refused and does not run', async () => {
    const text = `${uniqueText('large')}${'x'.repeat(1024 * 1024)}`
    const response = await postItemForm(text)
    expect(response.status).toBe(500)
    expect(await storedItems()).not.toContain(text)
  })

  test('a form POST to an action that redirects answers 303 with the target location', async () => {
    const $ = await app.render$('/redirect-form')
    const body = new FormData()
    $('#redirect-form input[type=hidden]').each((_, input) => body.append($(input).attr('name'), $(input).attr('value') ?? ''))
    body.append('name', 'Linus')
    const response = await app.fetch('/redirect-form', { method: 'POST', body, redirect: 'manual' })
    expect(response.status).toBe(303)
    const location = new URL(response.headers.get('location'), app.url('/'))
    expect(location.pathname + location.search).toBe('/done?name=Linus')
  })
})
