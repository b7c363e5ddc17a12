// Follows vercel/next.js test/e2e/app-dir/actions-allowed-origins (`allowedOrigins`
// with a wildcard host) and test/e2e/app-dir/actions/app-action-size-limit-invalid.test.ts
// (`bodySizeLimit`): next.config's `experimental.serverActions`.
import { useFixture } from '../harness/index.js'
import { useStateServer } from '../harness/state-server.js'

const state = useStateServer()
const app = useFixture(new URL('./fixtures/configured', import.meta.url), { env: state })

/** Posts the entry form as a browser without JavaScript does, with `entry`, `padding` bytes more and `headers`. */
async function postEntry(entry, { headers, padding = 0 } = {}) {
  const $ = await app.render$('/')
  const body = new FormData()
  $('#entry-form input[type=hidden]').each((_, input) => body.append($(input).attr('name'), $(input).attr('value') ?? ''))
  body.append('entry', entry)
  body.append('padding', 'x'.repeat(padding))
  return app.fetch('/', { method: 'POST', body, headers, redirect: 'manual' })
}

/** Whether the action ran for `entry`. */
async function ran(entry) {
  const response = await fetch(`${state().STATE_SERVER_URL}/read/${encodeURIComponent(entry)}`, { method: 'POST', body: 'null' })
  return (await response.json()) === true
}

function uniqueText(prefix) {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`
}

describe('server-actions: next.config serverActions', () => {
  test('an origin allowedOrigins names with a wildcard may post actions; others are still refused', async () => {
    const allowed = uniqueText('allowed')
    expect((await postEntry(allowed, { headers: { origin: 'https://app.trusted.example' } })).status).toBe(200)
    const refused = uniqueText('refused')
    expect((await postEntry(refused, { headers: { origin: 'https://trusted.example.evil.test' } })).status).toBe(500)
    // `*` stands for one label only.
    expect((await postEntry(refused, { headers: { origin: 'https://a.b.trusted.example' } })).status).toBe(500)
    expect(await ran(allowed)).toBe(true)
    expect(await ran(refused)).toBe(false)
  })

  test('a body over 1 MB but within bodySizeLimit runs; one over it is refused and does not run', async () => {
    const within = uniqueText('within')
    expect((await postEntry(within, { padding: 1.5 * 1024 * 1024 })).status).toBe(200)
    const over = uniqueText('over')
    expect((await postEntry(over, { padding: 2.5 * 1024 * 1024 })).status).toBe(500)
    expect(await ran(within)).toBe(true)
    expect(await ran(over)).toBe(false)
  })
})
