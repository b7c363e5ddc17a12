// One set of match vectors (shared with the Rust matcher's test) against the
// Worker's JS matcher and the native one.
import { readFileSync } from 'node:fs'

import { compileRoutes, createRouteMatcher, DecodeError, NativeRouteMatcher } from '../index.js'
import { FIXTURES, ROOT } from './helpers.js'

const { cases } = JSON.parse(readFileSync(`${ROOT}crates/vnext_router/tests/match_vectors.json`, 'utf8'))
const manifests = new Map()
beforeAll(async () => {
  for (const fixture of new Set(cases.map((c) => c.fixture))) {
    manifests.set(fixture, await compileRoutes(`${FIXTURES}/${fixture}`))
  }
})

function outcome(manifest, match, path) {
  try {
    const found = match(path)
    return found ? { route: manifest.routes[found.route].path, params: found.params } : { route: null }
  } catch (error) {
    if (error instanceof DecodeError || error.message.startsWith('DecodeError')) return { route: 'decode-error' }
    throw error
  }
}

describe.each([
  ['js', (tree) => createRouteMatcher(tree)],
  ['native', (tree) => new NativeRouteMatcher(tree)],
])('%s matcher', (_, create) => {
  test.each(cases.map((c) => [c.fixture, c.path, c]))('%s %s', (fixture, path, vector) => {
    const manifest = manifests.get(fixture)
    const matcher = create(manifest.matcher)
    const expected = { route: vector.route }
    if (vector.params) expected.params = vector.params
    expect(outcome(manifest, (p) => matcher.match(p), path)).toEqual(expected)
  })
})
