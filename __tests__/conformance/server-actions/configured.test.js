// Follows vercel/next.js test/e2e/app-dir/actions-allowed-origins (`allowedOrigins`
// with a wildcard host) and test/e2e/app-dir/actions/app-action-size-limit-invalid.test.ts
// (`bodySizeLimit`): next.config's `experimental.serverActions`.
import { useFixture } from '../harness/index.js'
import { useStateServer } from '../harness/state-server.js'

const state = useStateServer()
const app = useFixture(new URL('./fixtures/configured', import.meta.url), { env: state })

/** Posts the entry form as a browser without JavaScript does, with `entry` and more headers. */
async function postEntry(entry, headers) {
  const $ = await app.render$('/')
  const body = new FormData()
  $('#entry-form input[type=hidden]').each((_, input) => body.append($(input).attr('name'), $(input).attr('value') ?? ''))
  body.append('entry', entry)
  return app.fetch('/', { method: 'POST', body, headers, redirect: 'manual' })
}

async function storedEntries() {
  const response = await fetch(`${state().STATE_SERVER_URL}/read/entries`, { method: 'POST', body: 'null' })
  return (await response.json()) ?? []
}

function uniqueText(prefix) {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`
}

describe('server-actions: next.config serverActions', () => {
  test('an origin allowedOrigins names with a wildcard may post actions; others are still refused', async () => {
    const allowed = uniqueText('allowed')
    expect((await postEntry(allowed, { origin: 'https://app.trusted.example' })).status).toBe(200)
    const refused = uniqueText('refused')
    expect((await postEntry(refused, { origin: 'https://trusted.example.evil.test' })).status).toBe(500)
    // `*` stands for one label only.
    expect((await postEntry(refused, { origin: 'https://a.b.trusted.example' })).status).toBe(500)
    const entries = await storedEntries()
    expect(entries).toContain(allowed)
    expect(entries).not.toContain(refused)
  })

  test('a body over 1 MB but within bodySizeLimit runs; one over it is refused and does not run', async () => {
    const within = `${uniqueText('within')}${'x'.repeat(1.5 * 1024 * 1024)}`
    expect((await postEntry(within)).status).toBe(200)
    const over = `${uniqueText('over')}${'x'.repeat(2.5 * 1024 * 1024)}`
    expect((await postEntry(over)).status).toBe(500)
    const entries = await storedEntries()
    expect(entries).toContain(within)
    expect(entries).not.toContain(over)
  })
})
