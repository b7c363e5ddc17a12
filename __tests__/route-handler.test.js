// The route handler runtime (lib/server/route-handler.js) and the request APIs it
// provides (next/headers, next/server, next/navigation's errors), run directly in Node.
// The expectations follow Next 16.4.6's app-route module and the conformance fixtures
// in __tests__/conformance/route-handlers.
import { jest } from '@jest/globals'

import { handleRouteRequest } from '../lib/server/route-handler.js'
import { currentRequest, runWithRequest } from '../lib/server/request-store.js'
import { cookies, draftMode, headers } from '../lib/shims/next/headers.js'
import {
  forbidden,
  httpFallbackStatus,
  isRedirectError,
  notFound,
  permanentRedirect,
  redirect,
  redirectLocation,
} from '../lib/shims/next/navigation-errors.js'
import { NextRequest, NextResponse, RequestCookies, ResponseCookies, after, connection } from '../lib/shims/next/server.js'

const ORIGIN = 'http://127.0.0.1:8787'

/** Calls the route for `path` with `init`, collecting what reaches `waitUntil`. */
async function call(module, path, init = {}, { params = null, options } = {}) {
  const waited = []
  const response = await handleRouteRequest(module, new Request(ORIGIN + path, init), params, (p) => waited.push(p), options)
  return { response, waited }
}

function describeRequest(method) {
  return (request) => Response.json({ method, url: new URL(request.url).pathname })
}

const items = {
  GET: describeRequest('GET'),
  POST: describeRequest('POST'),
  PUT: describeRequest('PUT'),
  PATCH: describeRequest('PATCH'),
  DELETE: describeRequest('DELETE'),
}
const getOnly = { GET: () => new Response('only GET', { headers: { 'x-handler': 'get-only' } }) }
const postOnly = { POST: () => Response.json({ created: true }, { status: 201 }) }

let consoleError
beforeEach(() => {
  consoleError = jest.spyOn(console, 'error').mockImplementation(() => {})
})
afterEach(() => {
  consoleError.mockRestore()
})

describe('methods', () => {
  test.each(['GET', 'POST', 'PUT', 'PATCH', 'DELETE'])('an exported %s handler answers its method', async (method) => {
    const { response } = await call(items, '/api/items', { method })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/json')
    expect(await response.json()).toEqual({ method, url: '/api/items' })
  })

  test('an unknown method answers 400 and a method not exported 405, both empty', async () => {
    const unknown = (await call(getOnly, '/api/x', { method: 'HEADER' })).response
    expect(unknown.status).toBe(400)
    expect(await unknown.text()).toBe('')
    // Request upper-cases the common methods but not PATCH: Next answers `patch` with 400.
    expect((await call(items, '/api/x', { method: 'patch' })).response.status).toBe(400)
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      const { response } = await call(getOnly, '/api/x', { method })
      expect(response.status).toBe(405)
      expect(await response.text()).toBe('')
    }
  })

  test('HEAD runs GET and keeps its status and headers but no body; without GET it is 405', async () => {
    const { response } = await call(getOnly, '/api/x', { method: 'HEAD' })
    expect(response.status).toBe(200)
    expect(response.headers.get('x-handler')).toBe('get-only')
    expect(response.body).toBeNull()
    expect((await call(postOnly, '/api/x', { method: 'HEAD' })).response.status).toBe(405)

    const explicit = { GET: () => new Response('get'), HEAD: () => new Response(null, { headers: { 'x-handler': 'head' } }) }
    expect((await call(explicit, '/api/x', { method: 'HEAD' })).response.headers.get('x-handler')).toBe('head')
  })

  test('OPTIONS answers 204 with a sorted Allow unless the route exports it', async () => {
    const all = (await call(items, '/api/x', { method: 'OPTIONS' })).response
    expect(all.status).toBe(204)
    expect(all.headers.get('allow')).toBe('DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT')
    expect(await all.text()).toBe('')
    expect((await call(getOnly, '/api/x', { method: 'OPTIONS' })).response.headers.get('allow')).toBe('GET, HEAD, OPTIONS')
    expect((await call(postOnly, '/api/x', { method: 'OPTIONS' })).response.headers.get('allow')).toBe('OPTIONS, POST')

    const explicit = { OPTIONS: () => new Response(null, { headers: { 'x-handler': 'options' } }) }
    const response = (await call(explicit, '/api/x', { method: 'OPTIONS' })).response
    expect(response.status).toBe(200)
    expect(response.headers.get('allow')).toBeNull()
  })
})

describe('the request and its context', () => {
  test('the handler gets a NextRequest and params as a Promise without undefined entries', async () => {
    let seen
    const module = {
      async GET(request, context) {
        seen = { request, params: context.params }
        return new Response('ok')
      },
    }
    await call(module, '/api/files/a/b?q=next%20js&tag=a&tag=b', {}, { params: { path: ['a', 'b'], optional: undefined } })
    expect(seen.request).toBeInstanceOf(NextRequest)
    expect(seen.params).toBeInstanceOf(Promise)
    expect(await seen.params).toEqual({ path: ['a', 'b'] })
    const { nextUrl } = seen.request
    expect(nextUrl.pathname).toBe('/api/files/a/b')
    expect(nextUrl.searchParams.getAll('tag')).toEqual(['a', 'b'])
    expect(nextUrl.basePath).toBe('')
    expect(nextUrl.clone().searchParams.get('q')).toBe('next js')
    // Next shows every loopback host as localhost.
    expect(seen.request.url).toBe('http://localhost:8787/api/files/a/b?q=next%20js&tag=a&tag=b')

    await call(module, '/api/static')
    expect(seen.params).toBeUndefined()
  })

  test('request bodies reach the handler', async () => {
    const module = {
      POST: async (request) => Response.json(await request.json()),
      PUT: async (request) => Response.json(Object.fromEntries(await request.formData())),
    }
    const json = await call(module, '/api/x', { method: 'POST', body: JSON.stringify({ ping: 'pong' }) })
    expect(await json.response.json()).toEqual({ ping: 'pong' })
    const form = await call(module, '/api/x', { method: 'PUT', body: new URLSearchParams({ name: 'Ada' }) })
    expect(await form.response.json()).toEqual({ name: 'Ada' })
  })

  test('request.cookies and headers()/cookies() read the request; headers() hides Next’s internal ones', async () => {
    const module = {
      async GET(request) {
        const requestHeaders = await headers()
        const requestCookies = await cookies()
        return Response.json({
          session: request.cookies.get('session')?.value,
          names: request.cookies.getAll().map((c) => c.name),
          custom: requestHeaders.get('x-custom'),
          rsc: requestHeaders.get('rsc'),
          theme: requestCookies.get('theme')?.value,
          hasSession: requestCookies.has('session'),
          sameHeaders: requestHeaders === (await headers()),
        })
      },
    }
    const { response } = await call(module, '/api/x', {
      headers: { 'x-custom': 'custom value', rsc: '1', cookie: 'session=s3cr3t; theme=dark' },
    })
    expect(await response.json()).toEqual({
      session: 's3cr3t',
      names: ['session', 'theme'],
      custom: 'custom value',
      rsc: null,
      theme: 'dark',
      hasSession: true,
      sameHeaders: true,
    })
  })

  test('headers() is read-only, with Next’s error', async () => {
    let error
    const module = {
      async GET() {
        const requestHeaders = await headers()
        expect(requestHeaders).toBeInstanceOf(Headers)
        try {
          requestHeaders.set('x-a', 'b')
        } catch (thrown) {
          error = thrown
        }
        expect(() => requestHeaders.append('x-a', 'b')).toThrow(error.message)
        expect(() => requestHeaders.delete('x-a')).toThrow(error.message)
        return new Response('ok')
      },
    }
    expect((await call(module, '/api/x')).response.status).toBe(200)
    expect(error.message).toBe('Headers cannot be modified. Read more: https://nextjs.org/docs/app/api-reference/functions/headers')
  })

  test('dynamic = "force-static" hides search params, headers and cookies', async () => {
    const module = {
      dynamic: 'force-static',
      async GET(request) {
        return Response.json({
          search: request.nextUrl.search,
          query: request.nextUrl.searchParams.get('query'),
          url: request.url,
          requestAccept: request.headers.get('accept'),
          accept: (await headers()).get('accept'),
          session: (await cookies()).get('session')?.value ?? null,
          method: request.method,
        })
      },
    }
    const { response } = await call(module, '/static/echo?query=1', { headers: { accept: 'text/plain', cookie: 'session=abc' } })
    expect(await response.json()).toEqual({
      search: '',
      query: null,
      url: 'http://localhost:3000/static/echo',
      requestAccept: null,
      accept: null,
      session: null,
      method: 'GET',
    })
  })

  test('dynamic = "error" makes headers() fail the request', async () => {
    const module = { dynamic: 'error', GET: async () => Response.json([...(await headers())]) }
    const { response } = await call(module, '/api/x', {}, { options: { route: '/api/x' } })
    expect(response.status).toBe(500)
    expect(consoleError.mock.calls[0][0].message).toMatch(
      /^Route \/api\/x with `dynamic = "error"` couldn't be rendered statically because it used `headers\(\)`/,
    )
  })
})

describe('cookies', () => {
  test('cookies().set() and .delete() become Set-Cookie on the response', async () => {
    const module = {
      async POST() {
        const store = await cookies()
        store.set('visited', 'yes', { path: '/', httpOnly: true })
        store.delete('stale')
        // Reads see the writes, as in Next.
        expect(store.get('visited').value).toBe('yes')
        expect(store.get('stale').value).toBe('')
        return new Response('cookies updated')
      },
    }
    const { response } = await call(module, '/api/x', { method: 'POST', headers: { cookie: 'stale=1' } })
    expect(await response.text()).toBe('cookies updated')
    expect(response.headers.getSetCookie()).toEqual([
      'stale=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT',
      'visited=yes; Path=/; HttpOnly',
    ])
  })

  test('a cookie the response sets itself wins over one set through cookies()', async () => {
    const module = {
      async GET() {
        ;(await cookies()).set('a', 'from-cookies').set('b', 'only-cookies')
        const response = NextResponse.json({ ok: true })
        response.cookies.set('a', 'from-response', { sameSite: 'lax' })
        return response
      },
    }
    const { response } = await call(module, '/api/x')
    expect(response.headers.getSetCookie()).toEqual(['a=from-response; Path=/; SameSite=lax', 'b=only-cookies; Path=/'])
    // NextResponse's internal header does not leave the server.
    expect(response.headers.get('x-middleware-set-cookie')).toBeNull()
  })

  test('outside a route handler or action cookies() is read-only', async () => {
    const request = new Request(`${ORIGIN}/page`, { headers: { cookie: 'theme=dark; session=abc; z=1' } })
    await runWithRequest(request, async () => {
      const store = await cookies()
      expect(store.get('theme')).toEqual({ name: 'theme', value: 'dark' })
      expect(store.getAll().map((c) => c.name)).toEqual(['theme', 'session', 'z'])
      expect(store.getAll('z')).toEqual([{ name: 'z', value: '1' }])
      expect(store.has('session')).toBe(true)
      expect(store.size).toBe(3)
      expect(store.toString()).toBe('theme=dark; session=abc; z=1')
      const message =
        'Cookies can only be modified in a Server Action or Route Handler. Read more: https://nextjs.org/docs/app/api-reference/functions/cookies#options'
      expect(() => store.set('theme', 'light')).toThrow(message)
      expect(() => store.delete('theme')).toThrow(message)
    })
  })

  test('draftMode() enables and disables through the __prerender_bypass cookie', async () => {
    const options = { previewModeId: 'secret-id' }
    const enable = {
      async GET() {
        const draft = await draftMode()
        draft.enable()
        return new Response(`draft enabled: ${draft.isEnabled}`)
      },
    }
    const enabled = (await call(enable, '/api/draft/enable', {}, { options })).response
    expect(await enabled.text()).toBe('draft enabled: true')
    expect(enabled.headers.getSetCookie()).toEqual(['__prerender_bypass=secret-id; Path=/; Secure; HttpOnly; SameSite=none'])

    const disable = {
      async GET() {
        const draft = await draftMode()
        const before = draft.isEnabled
        draft.disable()
        return new Response(`${before} -> ${draft.isEnabled}`)
      },
    }
    const disabled = (await call(disable, '/api/draft/disable', { headers: { cookie: '__prerender_bypass=secret-id' } }, { options })).response
    expect(await disabled.text()).toBe('true -> false')
    expect(disabled.headers.getSetCookie()).toEqual([
      '__prerender_bypass=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Secure; HttpOnly; SameSite=none',
    ])

    // A cookie without the build's secret does not enable draft mode.
    const wrong = (await call(disable, '/api/draft/disable', { headers: { cookie: '__prerender_bypass=guess' } }, { options })).response
    expect(await wrong.text()).toBe('false -> false')
  })

  test('ResponseCookies serialises every attribute as Next does', () => {
    const headers = new Headers()
    const cookies = new ResponseCookies(headers)
    cookies.set('token', 'a b', {
      domain: 'example.com',
      expires: 0,
      secure: true,
      httpOnly: true,
      sameSite: 'strict',
      partitioned: true,
      priority: 'high',
    })
    cookies.set({ name: 'short', value: 'x', path: '/app', maxAge: 60 })
    const [token, short] = headers.getSetCookie()
    expect(token).toBe(
      'token=a%20b; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Domain=example.com; Secure; HttpOnly; SameSite=strict; Partitioned; Priority=high',
    )
    expect(short).toMatch(/^short=x; Path=\/app; Expires=\w{3}, \d\d \w{3} \d{4} [\d:]{8} GMT; Max-Age=60$/)
    expect(cookies.get('short').maxAge).toBe(60)
    expect(cookies.getAll().map((c) => c.name)).toEqual(['token', 'short'])

    // Existing Set-Cookie lines are read back.
    const parsed = new ResponseCookies(headers)
    expect(parsed.get('token')).toMatchObject({ name: 'token', value: 'a b', domain: 'example.com', secure: true, sameSite: 'strict' })
    expect(parsed.toString()).toBe(headers.getSetCookie().join('; '))
  })

  test('RequestCookies parses the cookie header and writes changes back', () => {
    const headers = new Headers({ cookie: 'a=1; flag; b=%E2%9C%93; bad=%E0%A4%A' })
    const cookies = new RequestCookies(headers)
    expect([...cookies]).toEqual([
      ['a', { name: 'a', value: '1' }],
      ['flag', { name: 'flag', value: 'true' }],
      ['b', { name: 'b', value: '✓' }],
    ])
    cookies.set('c', '3')
    expect(cookies.delete('a')).toBe(true)
    expect(headers.get('cookie')).toBe('flag=true; b=%E2%9C%93; c=3')
  })
})

describe('errors', () => {
  test('a handler that throws answers an empty 500 and logs the error', async () => {
    const failure = new Error('route handler failure')
    const { response } = await call({ GET: () => Promise.reject(failure) }, '/api/x')
    expect(response.status).toBe(500)
    expect(await response.text()).toBe('')
    expect(consoleError).toHaveBeenCalledWith(failure)
  })

  test('a handler that returns no Response answers 500 with Next’s message in the log', async () => {
    const { response } = await call({ GET: () => ({ ok: true }) }, '/api/x', {}, { options: { resolvedPagePath: 'app/api/x/route.js' } })
    expect(response.status).toBe(500)
    expect(consoleError.mock.calls[0][0].message).toBe(
      "No response is returned from route handler 'app/api/x/route.js'. Expected a Response object but received 'Object' (method: GET, url: /api/x). Ensure you return a `Response` or a `NextResponse` in all branches of your handler.",
    )
  })

  test('NextResponse.rewrite() and NextResponse.next() are refused in a route handler', async () => {
    const rewrite = await call({ GET: () => NextResponse.rewrite(`${ORIGIN}/elsewhere`) }, '/api/x')
    expect(rewrite.response.status).toBe(500)
    const next = await call({ GET: () => NextResponse.next() }, '/api/x')
    expect(next.response.status).toBe(500)
    expect(consoleError.mock.calls[1][0].message).toMatch(/^NextResponse\.next\(\) was used in a app route handler/)
  })

  test('redirect() and permanentRedirect() answer 307 and 308 with the Location, plus cookies set before', async () => {
    const module = {
      async GET(request) {
        ;(await cookies()).set('seen', '1')
        if (request.nextUrl.searchParams.has('permanent')) permanentRedirect('/target')
        redirect('/target?from=route')
      },
    }
    const temporary = (await call(module, '/api/go')).response
    expect(temporary.status).toBe(307)
    expect(temporary.headers.get('location')).toBe('/target?from=route')
    expect(temporary.headers.getSetCookie()).toEqual(['seen=1; Path=/'])
    expect(await temporary.text()).toBe('')
    const permanent = (await call(module, '/api/go?permanent')).response
    expect(permanent.status).toBe(308)
    expect(permanent.headers.get('location')).toBe('/target')
  })

  test('redirect() from a form POST answers 303, as from a Server Action', async () => {
    const module = { POST: () => redirect('/done') }
    // A browser's form post; Next compares the content type exactly, so fetch's
    // `application/x-www-form-urlencoded;charset=UTF-8` would not count.
    const form = { method: 'POST', body: 'a=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } }
    const { response } = await call(module, '/api/form', form)
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe('/done')
    const fetchPost = { method: 'POST', body: new URLSearchParams({ a: '1' }) }
    expect((await call(module, '/api/form', fetchPost)).response.status).toBe(307)
  })

  test('notFound() answers an empty 404', async () => {
    const { response } = await call({ GET: () => notFound() }, '/api/x')
    expect(response.status).toBe(404)
    expect(await response.text()).toBe('')
    expect(consoleError).not.toHaveBeenCalled()
  })

  test('the navigation errors carry Next 16’s digests', () => {
    const caught = (fn) => {
      try {
        fn()
      } catch (error) {
        return error
      }
    }
    const temporary = caught(() => redirect('/a;b'))
    expect(temporary.message).toBe('NEXT_REDIRECT')
    expect(temporary.digest).toBe('NEXT_REDIRECT;replace;/a;b;307;')
    expect(isRedirectError(temporary)).toBe(true)
    expect(redirectLocation(temporary)).toEqual({ url: '/a;b', status: 307, type: 'replace' })
    expect(caught(() => permanentRedirect('/p', 'push')).digest).toBe('NEXT_REDIRECT;push;/p;308;')

    const missing = caught(() => notFound())
    expect(missing.message).toBe('NEXT_HTTP_ERROR_FALLBACK;404')
    expect(missing.digest).toBe('NEXT_HTTP_ERROR_FALLBACK;404')
    expect(httpFallbackStatus(missing)).toBe(404)
    expect(isRedirectError(missing)).toBe(false)
    expect(httpFallbackStatus(new Error('x'))).toBeUndefined()
    expect(redirectLocation({ digest: 'NEXT_REDIRECT;replace;/a;301;' })).toBeNull()

    // Behind experimental.authInterrupts, as in Next.
    expect(caught(() => forbidden()).message).toBe(
      '`forbidden()` is experimental and only allowed to be enabled when `experimental.authInterrupts` is enabled.',
    )
  })
})

describe('after() and connection()', () => {
  test('after() callbacks run after the response, each through waitUntil, still able to read the request', async () => {
    const events = []
    const module = {
      async GET() {
        after(async () => {
          events.push(`after: ${(await headers()).get('x-id')}`)
          try {
            ;(await cookies()).set('late', '1')
          } catch (error) {
            events.push(error.message.slice(0, 30))
          }
        })
        after(Promise.resolve().then(() => events.push('promise')))
        events.push('handler')
        return new Response('body')
      },
    }
    const { response, waited } = await call(module, '/api/x', { headers: { 'x-id': '7' } })
    expect(waited).toHaveLength(2)
    expect(events).toEqual(['handler', 'promise'])
    expect(await response.text()).toBe('body')
    await Promise.all(waited)
    expect(events).toEqual(['handler', 'promise', 'after: 7', 'Cookies can only be modified i'])
  })

  test('after() waits until a streamed body has been read', async () => {
    const events = []
    let push
    const module = {
      GET() {
        after(() => events.push('after'))
        const body = new ReadableStream({
          start(controller) {
            push = controller
          },
        })
        return new Response(body)
      },
    }
    const { response, waited } = await call(module, '/api/stream')
    const text = response.text()
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(events).toEqual([])
    push.enqueue(new TextEncoder().encode('streamed'))
    push.close()
    expect(await text).toBe('streamed')
    await Promise.all(waited)
    expect(events).toEqual(['after'])
  })

  test('a failing after() callback is logged, not thrown', async () => {
    const failure = new Error('after failure')
    const { response, waited } = await call({ GET: () => (after(() => Promise.reject(failure)), new Response('ok')) }, '/api/x')
    expect(await response.text()).toBe('ok')
    await Promise.all(waited)
    expect(consoleError).toHaveBeenCalledWith('An error occurred in a function passed to `after()`:', failure)
  })

  test('connection() resolves in a request and marks it dynamic', async () => {
    await runWithRequest(new Request(`${ORIGIN}/page`), async () => {
      await expect(connection()).resolves.toBeUndefined()
      expect(currentRequest('test').usedDynamic).toBe(true)
    })
  })

  test('the request APIs outside a request throw Next’s error', () => {
    const scope = (name) =>
      `\`${name}\` was called outside a request scope. Read more: https://nextjs.org/docs/messages/next-dynamic-api-wrong-context`
    expect(() => headers()).toThrow(scope('headers'))
    expect(() => cookies()).toThrow(scope('cookies'))
    expect(() => draftMode()).toThrow(scope('draftMode'))
    expect(() => connection()).toThrow(scope('connection'))
    expect(() => after(() => {})).toThrow(scope('after'))
  })
})

describe('NextResponse and NextRequest', () => {
  test('NextResponse.json and redirect', async () => {
    const json = NextResponse.json({ ok: true }, { status: 201, headers: { 'x-a': '1' } })
    expect(json).toBeInstanceOf(Response)
    expect(json.status).toBe(201)
    expect(json.headers.get('content-type')).toBe('application/json')
    expect(json.headers.get('x-a')).toBe('1')
    expect(await json.json()).toEqual({ ok: true })

    const temporary = NextResponse.redirect(new URL('/target?from=route', ORIGIN))
    expect(temporary.status).toBe(307)
    expect(temporary.headers.get('location')).toBe(`${ORIGIN}/target?from=route`)
    expect(NextResponse.redirect(`${ORIGIN}/a`, 303).status).toBe(303)
    expect(NextResponse.redirect(`${ORIGIN}/a`, { status: 308, headers: { 'x-b': '2' } }).headers.get('x-b')).toBe('2')
    expect(() => NextResponse.redirect(`${ORIGIN}/a`, 200)).toThrow(
      new RangeError('Failed to execute "redirect" on "response": Invalid status code'),
    )
    expect(() => NextResponse.redirect('/relative')).toThrow(/^URL is malformed "\/relative"/)
  })

  test('NextResponse.rewrite and next carry the middleware headers', () => {
    const rewrite = NextResponse.rewrite(new URL('/rewritten?slug=a', ORIGIN))
    expect(rewrite.headers.get('x-middleware-rewrite')).toBe(`${ORIGIN}/rewritten?slug=a`)
    const next = NextResponse.next({ request: { headers: new Headers({ 'x-from-proxy': 'seen' }) } })
    expect(next.headers.get('x-middleware-next')).toBe('1')
    expect(next.headers.get('x-middleware-request-x-from-proxy')).toBe('seen')
    expect(next.headers.get('x-middleware-override-headers')).toBe('x-from-proxy')
  })

  test('nextUrl takes the basePath off the pathname and puts it back in href', () => {
    const request = new NextRequest(`${ORIGIN}/docs/api/ping?x=1`, { nextConfig: { basePath: '/docs' } })
    expect(request.nextUrl.pathname).toBe('/api/ping')
    expect(request.nextUrl.basePath).toBe('/docs')
    expect(request.nextUrl.href).toBe('http://localhost:8787/docs/api/ping?x=1')
    expect(request.nextUrl.buildId).toBeUndefined()
  })
})
