// Follows vercel/next.js test/e2e/app-dir/app-routes/app-custom-routes.test.ts ("basic fetch
// request with a response", "body", "error conditions", "automatic implementations").
import { useFixture } from '../harness/index.js'

const app = useFixture(new URL('./fixtures/methods', import.meta.url))

describe('route-handlers: HTTP methods', () => {
  test.each(['GET', 'POST', 'PUT', 'PATCH', 'DELETE'])('an exported %s handler answers its method', async (method) => {
    const response = await app.fetch('/api/items', { method })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^application\/json/)
    expect(await response.json()).toEqual({ method, handler: method, url: '/api/items' })
  })

  test('a method the route does not export answers 405 with an empty body', async () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      const response = await app.fetch('/api/get-only', { method })
      expect(response.status).toBe(405)
      expect(await response.text()).toBe('')
    }
    const getOnPostOnlyRoute = await app.fetch('/api/created')
    expect(getOnPostOnlyRoute.status).toBe(405)
  })

  test('HEAD is implemented from GET: same status and headers, no body', async () => {
    const response = await app.fetch('/api/get-only', { method: 'HEAD' })
    expect(response.status).toBe(200)
    expect(response.headers.get('x-handler')).toBe('get-only')
    expect(await response.text()).toBe('')
  })

  test('HEAD on a route without GET or HEAD answers 405', async () => {
    const response = await app.fetch('/api/created', { method: 'HEAD' })
    expect(response.status).toBe(405)
  })

  test('an exported HEAD handler is used instead of GET', async () => {
    const response = await app.fetch('/api/explicit-head', { method: 'HEAD' })
    expect(response.status).toBe(200)
    expect(response.headers.get('x-handler')).toBe('head')
  })

  test('OPTIONS is implemented automatically with a sorted Allow header', async () => {
    const items = await app.fetch('/api/items', { method: 'OPTIONS' })
    expect(items.status).toBe(204)
    expect(items.headers.get('allow')).toBe('DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT')
    expect(await items.text()).toBe('')

    const getOnly = await app.fetch('/api/get-only', { method: 'OPTIONS' })
    expect(getOnly.status).toBe(204)
    expect(getOnly.headers.get('allow')).toBe('GET, HEAD, OPTIONS')

    const postOnly = await app.fetch('/api/created', { method: 'OPTIONS' })
    expect(postOnly.headers.get('allow')).toBe('OPTIONS, POST')
  })

  test('an exported OPTIONS handler replaces the automatic one', async () => {
    const response = await app.fetch('/api/explicit-options', { method: 'OPTIONS' })
    expect(response.status).toBe(200)
    expect(response.headers.get('x-handler')).toBe('options')
    expect(response.headers.get('access-control-allow-methods')).toBe('GET, OPTIONS')
    expect(response.headers.get('allow')).toBeNull()
  })

  test('a request with an unknown HTTP method answers 400', async () => {
    const response = await app.fetch('/api/get-only', { method: 'HEADER' })
    expect(response.status).toBe(400)
    expect(await response.text()).toBe('')
  })

  test('a handler that throws answers 500 with an empty body', async () => {
    const response = await app.fetch('/api/throws')
    expect(response.status).toBe(500)
    expect(await response.text()).toBe('')
  })

  test('Response.json sets the status, extra headers and a JSON content type', async () => {
    const response = await app.fetch('/api/created', { method: 'POST' })
    expect(response.status).toBe(201)
    expect(response.headers.get('content-type')).toBe('application/json')
    expect(response.headers.get('x-resource-id')).toBe('42')
    expect(await response.json()).toEqual({ created: true, id: 42 })
  })

  test('request.json() reads a JSON body', async () => {
    const body = { ping: 'pong', nested: { list: [1, 2, 3] } }
    const response = await app.fetch('/api/body/json', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ received: body, contentType: 'application/json' })
  })

  test('a DELETE handler can read a JSON body', async () => {
    const response = await app.fetch('/api/body/json', { method: 'DELETE', body: JSON.stringify({ name: 'foo' }) })
    expect(response.status).toBe(200)
    expect(await response.text()).toBe('deleted foo')
  })

  test('request.text() reads a text body', async () => {
    const text = 'hello, world\nsecond line ✓'
    const response = await app.fetch('/api/body/text', { method: 'POST', body: text })
    expect(await response.json()).toEqual({ text, length: text.length })
  })

  test('request.formData() reads a url-encoded form', async () => {
    const response = await app.fetch('/api/body/form', {
      method: 'POST',
      body: new URLSearchParams([
        ['name', 'Ada'],
        ['tag', 'a'],
        ['tag', 'b'],
      ]),
    })
    expect(await response.json()).toEqual({ name: 'Ada', tags: ['a', 'b'], file: null })
  })

  test('request.formData() reads a multipart form with a file', async () => {
    const form = new FormData()
    form.append('name', 'Grace')
    form.append('tag', 'x')
    form.append('file', new Blob(['file contents'], { type: 'text/plain' }), 'notes.txt')
    const response = await app.fetch('/api/body/form', { method: 'POST', body: form })
    expect(await response.json()).toEqual({
      name: 'Grace',
      tags: ['x'],
      file: { name: 'notes.txt', text: 'file contents' },
    })
  })
})
