// What a conformance test file imports: `useFixture` builds and serves one fixture app
// for the file's tests and tears it down after them.
import { fileURLToPath } from 'node:url'

import { FixtureApp } from './fixture-app.js'
import { conformanceTarget } from './target.js'

/**
 * Builds and starts the fixture at `fixtureUrl` once for the calling test file.
 * @param {URL} fixtureUrl e.g. `new URL('./fixtures/nested-layouts', import.meta.url)`
 * @param {{ env?: () => Record<string, string> }} [options] `env` is called just before the
 *   build; its variables reach both the build and the server (e.g. the URL of a data
 *   server the test file started in an earlier `beforeAll`).
 * @returns {FixtureApp}
 */
export function useFixture(fixtureUrl, { env } = {}) {
  const dependencies = process.env.VNEXT_CONFORMANCE_DEPS
  if (!dependencies) throw new Error('run the conformance suite with `npm run test:conformance`')
  const app = new FixtureApp(fileURLToPath(fixtureUrl), conformanceTarget(), dependencies)
  beforeAll(async () => {
    app.extraEnv = env?.() ?? {}
    await app.build()
    await app.start()
  }, 300_000)
  afterAll(async () => {
    await app.stop()
    app.cleanup()
  }, 30_000)
  return app
}
