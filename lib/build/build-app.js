// `vnext build`: routes → generated entries → one bundle of the three layers → the
// `.vnext/` output, swapped in whole only when everything succeeded.
import { createHash, randomBytes } from 'node:crypto'
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'

import { Bundler, compileRoutes, expandTree } from '../../index.js'
import { CACHE_BINDING } from '../server/kv-store.js'
import { metadataFileImages, metadataFileLinks } from './metadata-file-links.js'
import { writeKvOutput } from './kv-output.js'
import { loadNextConfig } from './next-config.js'
import { prerender } from './prerender.js'
import { isModule, serverEntrySource } from './server-entry.js'

const LIB = fileURLToPath(new URL('..', import.meta.url))
const BOOTSTRAP = join(LIB, 'client/app-bootstrap.js')
/** Where the browser's files are served: Next's URL, so caches and CDNs treat them alike. */
const STATIC_PREFIX = '/_next/static/'
/** The `next/*` modules vnext provides itself. */
const SHIMS = ['cache', 'dynamic', 'form', 'headers', 'link', 'navigation', 'og', 'script', 'server']
const COMPATIBILITY_DATE = '2026-07-30'
export const OUTPUT_DIR = '.vnext'

/**
 * A route as the build left it: how it renders (after prerendering), its revalidate
 * time in seconds (false: never), the paths it prerendered from `generateStaticParams`.
 * @typedef {{ path: string, kind: string, rendering: string, revalidate: number | false, paths: string[], firstLoadBytes: number }} BuiltRoute
 */

/**
 * @param {string} appDir
 * @returns {Promise<{ outputDir: string, routes: BuiltRoute[], warnings: string[], firstLoadBytes: number }>}
 */
export async function buildApp(appDir) {
  const root = resolve(appDir)
  const config = await loadNextConfig(root)
  const manifest = await compileRoutes(root, { pageExtensions: config.pageExtensions })
  mkdirSync(join(root, 'node_modules/.cache/vnext'), { recursive: true })
  // The real folder: the bundler resolves the entry's imports from there, also when
  // node_modules is a symlink.
  const entryDir = realpathSync(join(root, 'node_modules/.cache/vnext'))
  const serverEntry = join(entryDir, 'server-entry.js')
  writeFileSync(serverEntry, serverEntrySource(manifest, root, entryDir))

  const staging = mkdtempSync(join(root, `${OUTPUT_DIR}-staging-`))
  try {
    const bundleDir = join(staging, 'bundle')
    const actionsKey = actionsEncryptionKey()
    const bundler = new Bundler({
      root,
      platform: 'worker',
      minify: true,
      splitting: true,
      publicPath: STATIC_PREFIX,
      // The key is read only by lib/server/action-closure.js, which no browser chunk reaches.
      env: { ...publicEnv(root, config), __VNEXT_ACTIONS_KEY: actionsKey },
      alias: shimAliases(),
      actionIdSalt: actionsKey,
    })
    const { files } = await bundler.bundle(
      [
        { path: serverEntry, layer: 'rsc' },
        { path: BOOTSTRAP, layer: 'client' },
      ],
      { outdir: bundleDir },
    )
    const output = join(staging, 'output')
    layOut(bundleDir, output, files)
    // Node (prerendering, `vnext start --runtime node`) then loads the Worker's files as
    // the ES modules they are, whatever the app's own package.json says.
    writeFileSync(join(output, 'worker/package.json'), '{ "type": "module" }\n')
    copyPublicFolder(root, output)
    copyStaticMetadataFiles(manifest, root, output)

    const bootstrap = files.find((file) => file.path === 'client/app-bootstrap.js')
    // Pages share most of their scripts: each file is read and compressed once.
    const gzipSizes = new Map()
    const gzipBytes = (path) => {
      if (!gzipSizes.has(path)) gzipSizes.set(path, gzipSync(readFileSync(join(output, staticPath(path)))).length)
      return gzipSizes.get(path)
    }
    const bootstrapFiles = [bootstrap.path, ...bootstrap.imports]
    const firstLoadBytes = bootstrapFiles.reduce((sum, path) => sum + gzipBytes(path), 0)
    const assetsOf = routeAssetFinder(files, bootstrapFiles)
    const assets = manifest.routes.map((route) => (route.tree ? assetsOf(expandTree(manifest.segments, route.tree)) : { stylesheets: [], scripts: [] }))
    const stylesheets = assets.map((route) => route.stylesheets)
    const build = {
      bootstrapModules: [STATIC_PREFIX + bootstrap.path],
      stylesheets,
      rootStylesheets: stylesheets[manifest.routes.findIndex((route) => route.tree)] ?? [],
      clientScripts: sharedLists(assets.map((route) => route.scripts)),
      fileLinks: sharedLists(metadataFileLinks(manifest, root)),
      fileImages: sharedLists(metadataFileImages(manifest, root)),
      previewModeId: randomBytes(16).toString('hex'),
      buildId: clientBuildId(files),
      pageCache: {},
      pageConfig: pageConfig(manifest),
      serverActions: config.serverActions,
    }
    const candidates = staticCandidates(manifest)
    for (const [index, route] of candidates) build.pageCache[index] = { revalidate: route.revalidate }
    writeWorkerIndex(output, build)
    writeFileSync(join(output, 'wrangler.json'), `${JSON.stringify(wranglerConfig(root), null, 2)}\n`)

    const prerendered = await prerender(output, candidates)
    build.pageCache = {}
    for (const [index, result] of prerendered.routes) {
      if (result.rendering === 'dynamic') continue
      const dynamicParams = manifest.routes[index].config?.dynamicParams !== false
      build.pageCache[index] = { revalidate: result.revalidate, ...(dynamicParams ? {} : { paths: result.paths }) }
    }
    writeWorkerIndex(output, build)
    const warnings = writeKvOutput(output, prerendered.pages)

    const routes = manifest.routes.map((route, index) => {
      const result = prerendered.routes.get(index)
      return {
        path: route.path,
        kind: route.kind,
        rendering: result?.rendering ?? (route.kind === 'page' ? 'dynamic' : route.rendering),
        revalidate: result?.revalidate ?? false,
        paths: result?.rendering === 'ssg' ? result.paths : [],
        firstLoadBytes: route.kind === 'page' ? firstLoadBytes + assets[index].scripts.reduce((sum, url) => sum + gzipBytes(url.slice(STATIC_PREFIX.length)), 0) : 0,
      }
    })
    writeFileSync(join(output, 'manifest.json'), `${JSON.stringify({ routes }, null, 2)}\n`)

    const outputDir = join(root, OUTPUT_DIR)
    replaceOutput(output, outputDir, staging)
    return { outputDir, routes, warnings, firstLoadBytes }
  } finally {
    rmSync(staging, { recursive: true, force: true })
  }
}

/** The Worker's main module: the generated entry with what the build learnt. */
function writeWorkerIndex(output, build) {
  writeFileSync(join(output, 'worker/index.js'), `// Generated by vnext build.\nimport { createWorker } from './server-entry.js'\n\nexport default createWorker(${JSON.stringify(build)})\n`)
}

/**
 * The pages and route handlers that may prerender, by route index: those the route
 * compiler did not already find dynamic, with the shortest `revalidate` of their segments.
 */
function staticCandidates(manifest) {
  const candidates = new Map()
  manifest.routes.forEach((route, index) => {
    if (!(route.kind === 'page' || route.kind === 'route') || route.rendering === 'dynamic') return
    const revalidate = route.config?.revalidate
    candidates.set(index, { path: route.path, generatesParams: route.rendering === 'ssg', revalidate: typeof revalidate === 'number' ? revalidate : false })
  })
  return candidates
}

/** The `dynamic` and `fetchCache` segment config of each page route that sets them, by route index. */
function pageConfig(manifest) {
  const config = {}
  manifest.routes.forEach((route, index) => {
    const { dynamic, fetchCache } = route.config ?? {}
    if (route.kind === 'page' && (dynamic || fetchCache)) config[index] = { dynamic, fetchCache }
  })
  return config
}

/**
 * Names the client files of a build: cached pages rendered against other client files
 * are not served, since those files are gone after a deploy. Chunk names carry their
 * content's hash, so a build that changes only server code keeps the cache.
 */
function clientBuildId(files) {
  const names = files.flatMap((file) => [file.path, ...(file.css ?? [])]).filter(isStatic).sort()
  return createHash('sha256').update(names.join('\n')).digest('hex').slice(0, 16)
}

/** The browser's files (and stylesheets and assets) to `assets/_next/static/`, the rest to `worker/`. */
function layOut(bundleDir, output, files) {
  const paths = files.flatMap((file) => [file.path, ...(file.css ?? [])])
  for (const path of new Set(paths)) move(join(bundleDir, path), join(output, isStatic(path) ? staticPath(path) : `worker/${path}`))
  // Assets have no manifest entry of their own: everything left in the bundle folder.
  // WebAssembly modules are server code, imported by the Worker's chunks beside them.
  const assetsDir = join(bundleDir, 'assets')
  if (!existsSync(assetsDir)) return
  for (const name of readdirSync(assetsDir)) if (name.endsWith('.wasm')) move(join(assetsDir, name), join(output, 'worker/assets', name))
  move(assetsDir, join(output, staticPath('assets')))
}

function isStatic(path) {
  return path.startsWith('client/') || path.endsWith('.css')
}

function staticPath(path) {
  return `assets${STATIC_PREFIX}${path}`
}

function move(from, to) {
  mkdirSync(dirname(to), { recursive: true })
  renameSync(from, to)
}

function copyPublicFolder(root, output) {
  const publicDir = join(root, 'public')
  if (existsSync(publicDir)) cpSync(publicDir, join(output, 'assets'), { recursive: true })
}

/** `favicon.ico`, `icon.png` and the like are served as they are, at their route's path. */
function copyStaticMetadataFiles(manifest, root, output) {
  const icons = []
  for (const route of manifest.routes) {
    if (route.kind !== 'metadata' || isModule(route.file)) continue
    cpSync(join(root, route.file), join(output, 'assets', route.path))
    if (route.path.endsWith('.ico')) icons.push(route.path)
  }
  // Next sends icons as image/x-icon; the asset server would say image/vnd.microsoft.icon.
  // `_headers` is the assets' own header rules (read by wrangler and Miniflare), after
  // any the app's public/ folder has.
  if (icons.length > 0) {
    const rules = icons.map((path) => `${path}\n  Content-Type: image/x-icon\n`).join('')
    appendFileSync(join(output, 'assets/_headers'), `\n${rules}`)
  }
}

/**
 * Lists that routes share, stored once: `lists` holds each distinct list, `byRoute`
 * the index of a route's list (routes with an empty one are left out).
 * @param {unknown[][]} perRoute by route index
 */
function sharedLists(perRoute) {
  const lists = []
  const indexOf = new Map()
  const byRoute = {}
  perRoute.forEach((list, route) => {
    if (list.length === 0) return
    const key = JSON.stringify(list)
    if (!indexOf.has(key)) indexOf.set(key, lists.push(list) - 1)
    byRoute[route] = indexOf.get(key)
  })
  return { lists, byRoute }
}

/**
 * Finds what a page loads besides the bootstrap, from the chunks that carry its
 * layouts and page (segment by segment, in order) and the server entry:
 * - `stylesheets`: the CSS those chunks import, and that of the client components they
 *   render, so a page is styled before (and without) JavaScript;
 * - `scripts`: those client components' chunks, listed in the page so they load at once
 *   instead of after the flight payload.
 */
function routeAssetFinder(files, bootstrapFiles) {
  const byPath = new Map(files.map((file) => [file.path, file]))
  // The first chunk that carries a module: a Web Worker's chunk, which may carry it too,
  // comes after the chunks pages load.
  const chunkOf = new Map()
  for (const file of files) for (const id of file.modules) if (!chunkOf.has(id)) chunkOf.set(id, file)
  return (tree) => {
    const stylesheets = new Set()
    const scripts = new Set()
    const addStylesheets = (paths) => {
      for (const path of paths) for (const css of byPath.get(path)?.css ?? []) stylesheets.add(STATIC_PREFIX + css)
    }
    const addChunk = (chunk) => {
      if (!chunk) return
      const paths = [...chunk.imports, chunk.path]
      addStylesheets(paths)
      for (const path of paths) {
        for (const id of byPath.get(path)?.modules ?? []) {
          const client = id.startsWith('(rsc)/') && chunkOf.get(`(client)/${id.slice('(rsc)/'.length)}`)
          if (!client) continue
          const clientPaths = [...client.imports, client.path]
          addStylesheets(clientPaths)
          for (const script of clientPaths) if (!bootstrapFiles.includes(script)) scripts.add(STATIC_PREFIX + script)
        }
      }
    }
    // The server entry's own client components (the navigation context, the segment
    // boundaries) are on every page.
    addChunk(byPath.get('server-entry.js'))
    const visit = (node) => {
      for (const source of Object.values(node.files ?? {})) addChunk(chunkOf.get(`(rsc)/${source}`))
      for (const child of Object.values(node.slots ?? {})) visit(child)
    }
    visit(tree)
    return { stylesheets: [...stylesheets], scripts: [...scripts].sort() }
  }
}

/** `process.env.NEXT_PUBLIC_*` is inlined into the bundle, as Next does. */
function publicEnv(root, config) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => name.startsWith('NEXT_PUBLIC_')))
  env.__VNEXT_NEXT_VERSION = nextVersion(root)
  // What `forbidden()` and `unauthorized()` check, as Next hands it to the code.
  if (config.authInterrupts) env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = 'true'
  return env
}

/**
 * The key inline actions' closures are encrypted with and action ids are salted with:
 * the app's, as Next reads it, or one per build.
 */
function actionsEncryptionKey() {
  const given = process.env.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY
  if (given === undefined) return randomBytes(32).toString('base64')
  if (![16, 24, 32].includes(Buffer.from(given, 'base64').length)) {
    throw new Error('NEXT_SERVER_ACTIONS_ENCRYPTION_KEY must be the base64 of a 16, 24 or 32 byte AES key (for example `openssl rand -base64 32`).')
  }
  return given
}

function nextVersion(root) {
  try {
    return JSON.parse(readFileSync(join(root, 'node_modules/next/package.json'), 'utf8')).version
  } catch {
    return ''
  }
}

function shimAliases() {
  const shims = SHIMS.map((name) => [`next/${name}`, join(LIB, `shims/next/${name}.js`)])
  // What hoisted inline server actions import to seal their closures.
  return Object.fromEntries([...shims, ['vnext/action-closure', join(LIB, 'server/action-closure.js')]])
}

function wranglerConfig(root) {
  return {
    name: workerName(root),
    main: 'worker/index.js',
    compatibility_date: COMPATIBILITY_DATE,
    compatibility_flags: ['nodejs_compat'],
    no_bundle: true,
    find_additional_modules: true,
    // `.wasm` files are `CompiledWasm` by wrangler's own default rule.
    rules: [{ type: 'ESModule', globs: ['**/*.js'] }],
    assets: { directory: 'assets' },
    kv_namespaces: [{ binding: CACHE_BINDING }],
  }
}

/** A Worker name from the app's package name or folder: lowercase letters, digits and dashes. */
function workerName(root) {
  let name = basename(root)
  try {
    name = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).name || name
  } catch {
    // No package.json: the folder's name.
  }
  return name.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '') || 'vnext-app'
}

/** Puts `output` at `outputDir`, keeping the local KV state of the previous build. */
function replaceOutput(output, outputDir, staging) {
  const state = join(outputDir, 'state')
  if (existsSync(state)) renameSync(state, join(output, 'state'))
  if (existsSync(outputDir)) renameSync(outputDir, join(staging, 'previous'))
  renameSync(output, outputDir)
}
