// What a soft navigation keeps and intercepts, on the route compiler's fixture with a
// `@modal` slot: `(.)photo/[id]` intercepts `/photo/[id]`, `[...catchAll]` closes it.
import { compileRoutes, expandTree } from '../index.js'
import { composeSlots, interceptingRoute } from '../lib/server/soft-navigation.js'
import { FIXTURES } from './helpers.js'

let manifest
/** The routes as the Worker holds them: trees expanded. */
let routes
beforeAll(async () => {
  manifest = await compileRoutes(`${FIXTURES}/app-intercept-modal-slot`)
  routes = manifest.routes.map((route) => (route.tree ? { ...route, tree: expandTree(manifest.segments, route.tree) } : route))
})

const indexOf = (path) => routes.findIndex((route) => route.path === path)
/** Params by position, enough for these routes. */
const paramsOf = (routePath, pathname) => (routePath.endsWith('[id]') ? { id: pathname.split('/').pop() } : {})
const compose = (path, pathname, kept = {}) =>
  composeSlots(routes[indexOf(path)].tree, { route: indexOf(path), pathname }, routes, kept, paramsOf)

test('a document request keeps nothing and names where each matched slot comes from', () => {
  const { sources, grafted } = compose('/', '/')
  expect(grafted).toBe(false)
  expect(sources['app/children']).toEqual({ route: indexOf('/'), pathname: '/' })
  expect(sources['app/modal']).toBeUndefined()
})

test('a navigation from the list to a photo is intercepted, and the list stays as children', () => {
  expect(interceptingRoute(manifest.interceptions, '/photo/7', '/')).toBe(indexOf('/(.)photo/[id]'))
  expect(interceptingRoute(manifest.interceptions, '/photo/7', null)).toBeNull()
  expect(interceptingRoute(manifest.interceptions, '/about', '/')).toBeNull()

  const { sources: fromList } = compose('/', '/')
  const { tree, sources, grafted } = compose('/(.)photo/[id]', '/photo/7', fromList)
  expect(grafted).toBe(true)
  expect(tree.slots.children).toEqual({ segment: '__PAGE__', files: { page: 'app/page.tsx' }, params: {} })
  expect(sources['app/children']).toEqual({ route: indexOf('/'), pathname: '/' })
  expect(sources['app/modal']).toEqual({ route: indexOf('/(.)photo/[id]'), pathname: '/photo/7' })
})

test('a slot that matches the new URL shows its own content: the catch-all closes the modal', () => {
  const { sources: withModal } = compose('/(.)photo/[id]', '/photo/7', compose('/', '/').sources)
  const { tree, grafted } = compose('/about', '/about', withModal)
  expect(grafted).toBe(false)
  expect(tree.slots.modal.slots.children.segment).toBe('[...catchAll]')
})

test('an unmatched slot keeps content only from a route that has it there', () => {
  // The catch-all route has no page as its children: nothing to keep from it.
  const kept = { 'app/children': { route: indexOf('/[...catchAll]'), pathname: '/x' } }
  expect(compose('/(.)photo/[id]', '/photo/7', kept).tree.slots.children.segment).toBe('__DEFAULT__')
})
