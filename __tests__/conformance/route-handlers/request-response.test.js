// Follows vercel/next.js test/e2e/app-dir/app-routes/app-custom-routes.test.ts ("context",
// "hooks": headers/cookies/redirect/notFound, "response": NextResponse.redirect/json).
import { useFixture } from '../harness/index.js'

const app = useFixture(new URL('./fixtures/request-response', import.meta.url))

describe('route-handlers: request and response', () => {
  test('a dynamic segment reaches the handler through a params Promise', async () => {
    const response = await app.fetch('/api/users/42')
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ id: '42', paramsIsPromise: true })
  })

  test('a catch-all segment gives an array of path parts', async () => {
    const response = await app.fetch('/api/files/docs/2024/report.pdf')
    expect(await response.json()).toEqual({ path: ['docs', '2024', 'report.pdf'] })
  })

  test('an encoded dynamic segment is decoded', async () => {
    const response = await app.fetch('/api/users/hello%20world')
    expect((await response.json()).id).toBe('hello world')
  })

  test('request.nextUrl exposes the pathname and search params', async () => {
    const response = await app.fetch('/api/search?q=next%20js&tag=a&tag=b')
    expect(await response.json()).toEqual({
      pathname: '/api/search',
      q: 'next js',
      tags: ['a', 'b'],
      keys: ['q', 'tag', 'tag'],
    })
  })

  test('request.cookies reads the request cookies', async () => {
    const response = await app.fetch('/api/request-cookies', { headers: { cookie: 'session=s3cr3t; theme=light' } })
    expect(await response.json()).toEqual({ session: 's3cr3t', hasTheme: true, names: ['session', 'theme'] })

    const withoutCookies = await app.fetch('/api/request-cookies')
    expect(await withoutCookies.json()).toEqual({ session: null, hasTheme: false, names: [] })
  })

  test('headers() and cookies() from next/headers read the request', async () => {
    const response = await app.fetch('/api/next-headers', {
      headers: { 'x-custom-header': 'custom value', 'user-agent': 'conformance-agent', cookie: 'theme=dark; session=1' },
    })
    expect(await response.json()).toEqual({
      custom: 'custom value',
      userAgent: 'conformance-agent',
      theme: 'dark',
      hasSession: true,
    })
  })

  test('NextResponse cookies and headers become Set-Cookie and response headers', async () => {
    const response = await app.fetch('/api/set-cookies')
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ ok: true })
    expect(response.headers.get('x-powered-by-test')).toBe('route-handler')
    expect(response.headers.get('cache-control')).toBe('no-store, max-age=0')
    expect(response.headers.get('x-multi')).toBe('one, two')

    const setCookies = response.headers.getSetCookie()
    expect(setCookies).toHaveLength(2)
    const token = setCookies.find((cookie) => cookie.startsWith('token='))
    expect(token).toMatch(/^token=abc123;/)
    expect(token).toMatch(/; HttpOnly/i)
    expect(token).toMatch(/; Max-Age=3600/i)
    expect(token).toMatch(/; Path=\//)
    const prefs = setCookies.find((cookie) => cookie.startsWith('prefs='))
    expect(prefs).toMatch(/^prefs=dark;/)
    expect(prefs).toMatch(/; Path=\/settings/)
    expect(prefs).toMatch(/; SameSite=lax/i)
  })

  test('cookies().set() and .delete() in a handler emit Set-Cookie headers', async () => {
    const response = await app.fetch('/api/next-cookies-set', { method: 'POST', headers: { cookie: 'stale=1' } })
    expect(await response.text()).toBe('cookies updated')
    const setCookies = response.headers.getSetCookie()
    const visited = setCookies.find((cookie) => cookie.startsWith('visited='))
    expect(visited).toMatch(/^visited=yes;/)
    expect(visited).toMatch(/; HttpOnly/i)
    // Deleting sets an empty value that expires at once.
    const stale = setCookies.find((cookie) => cookie.startsWith('stale='))
    expect(stale).toMatch(/^stale=;/)
    expect(stale).toMatch(/Expires=Thu, 01 Jan 1970 00:00:00 GMT|Max-Age=0/i)
  })

  // Next builds request.url from its own origin (http://localhost:<port>), so only the
  // scheme, port, path and search of the absolute Location are checked.
  test('NextResponse.redirect answers 307 with an absolute Location', async () => {
    const response = await app.fetch('/api/redirect-response', { redirect: 'manual' })
    expect(response.status).toBe(307)
    const location = new URL(response.headers.get('location'))
    expect(location.protocol).toBe('http:')
    expect(location.port).toBe(String(app.port))
    expect(location.pathname + location.search).toBe('/target?from=route')

    const target = await app.fetch(location.pathname + location.search)
    expect(await target.text()).toContain('Redirect target')
  })

  test('NextResponse.redirect takes an explicit status', async () => {
    const response = await app.fetch('/api/redirect-response', { method: 'POST', redirect: 'manual' })
    expect(response.status).toBe(303)
    const location = new URL(response.headers.get('location'))
    expect(location.pathname + location.search).toBe('/target')
  })

  test('redirect() and permanentRedirect() from next/navigation work in a handler', async () => {
    const temporary = await app.fetch('/api/redirect-navigation', { redirect: 'manual' })
    expect(temporary.status).toBe(307)
    expect(new URL(temporary.headers.get('location'), app.url('/')).pathname).toBe('/target')
    expect(await temporary.text()).toBe('')

    const permanent = await app.fetch('/api/redirect-navigation?permanent', { redirect: 'manual' })
    expect(permanent.status).toBe(308)
    expect(new URL(permanent.headers.get('location'), app.url('/')).pathname).toBe('/target')
  })

  test('notFound() in a handler answers 404 with an empty body', async () => {
    const response = await app.fetch('/api/not-found')
    expect(response.status).toBe(404)
    expect(await response.text()).toBe('')
  })

  test('a ReadableStream body is streamed to the client', async () => {
    const response = await app.fetch('/api/stream')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8')
    expect(await response.text()).toBe('one two three')
  })
})
