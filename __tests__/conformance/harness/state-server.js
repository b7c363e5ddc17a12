// A test file's shared state for its fixture app: a tiny HTTP store of JSON values by
// name, up during the build and the tests. Fixtures keep state here rather than in
// files or module variables, which a Worker does not keep from one request to the next.
import { createServer } from 'node:http'

/**
 * Starts the store in a `beforeAll`; pass the result as `useFixture`'s `env`.
 * `POST /read/<name>` answers the value (null when unset), `POST /write/<name>` stores
 * the JSON body.
 * @returns {() => { STATE_SERVER_URL: string }}
 */
export function useStateServer() {
  const values = new Map()
  let server
  beforeAll(async () => {
    server = createServer(async (request, response) => {
      const [, operation, name] = request.url.split('/')
      let body = ''
      for await (const chunk of request) body += chunk
      if (operation === 'write') values.set(name, JSON.parse(body))
      response.setHeader('content-type', 'application/json')
      response.end(JSON.stringify(values.get(name) ?? null))
    })
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  })
  afterAll(async () => {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  })
  return () => ({ STATE_SERVER_URL: `http://127.0.0.1:${server.address().port}` })
}
