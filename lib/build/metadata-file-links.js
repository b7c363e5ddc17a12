// What a page's head gets from metadata files: `<link>`s for the icons of its segments
// (`favicon.ico`, `icon.*`, `apple-icon.*`), as Next writes them (type from the
// extension, size read from the image, a content hash in the query so browsers fetch a
// changed icon) and the app's web manifest; and the Open Graph and Twitter images of
// its segments' `opengraph-image.*` and `twitter-image.*` files. An image a module
// draws is described at render time from the module's exports (see `drawn`).
import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { basename, dirname, extname, join } from 'node:path'

import { expandTree } from '../runtime/loader-tree.js'
import { isModule } from './server-entry.js'

const TYPES = { '.ico': 'image/x-icon', '.png': 'image/png', '.svg': 'image/svg+xml', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif' }
const ICON = /^(favicon|icon\d*|apple-icon\d*)$/
const SOCIAL_IMAGE = /^(opengraph-image|twitter-image)\d*$/
const FAVICON = '/favicon.ico'
const WEB_MANIFEST = /^\/manifest\.(webmanifest|json)$/

/**
 * Each route's links (empty for all but pages): the favicon, then the icons and Apple
 * icons of the deepest segment above the page that has some, then the manifest. A
 * drawn icon is `{ rel, path, query, route }` (see `drawn`).
 * @param {import('../../index.d.ts').RouteManifest} manifest
 * @param {string} root
 * @returns {object[][]} by route index
 */
export function metadataFileLinks(manifest, root) {
  const icons = []
  manifest.routes.forEach((route, index) => {
    if (route.kind !== 'metadata' || !ICON.test(basename(route.file, extname(route.file)))) return
    const link = TYPES[extname(route.file)] ? iconLink(route, root) : drawn(route, index, root)
    if (link) icons.push({ dir: dirname(route.file), link: { rel: iconRel(route), ...link } })
  })
  const webManifest = manifest.routes.find((route) => route.kind === 'metadata' && WEB_MANIFEST.test(route.path))
  return manifest.routes.map((route) => {
    if (route.kind !== 'page') return []
    const pageDir = dirname(route.file)
    const above = icons.filter(({ dir }) => pageDir === dir || pageDir.startsWith(`${dir}/`))
    const favicon = above.find(({ link }) => link.href === FAVICON)
    const others = above.filter((icon) => icon !== favicon)
    const deepest = Math.max(...others.map(({ dir }) => dir.length))
    const links = [favicon, ...others.filter(({ dir }) => dir.length === deepest)].filter(Boolean).map(({ link }) => link)
    if (webManifest) links.push({ rel: 'manifest', href: webManifest.path })
    return links
  })
}

function iconRel(route) {
  return basename(route.file).startsWith('apple-icon') ? 'apple-touch-icon' : 'icon'
}

function iconLink(route, root) {
  const bytes = readFileSync(join(root, route.file))
  const extension = extname(route.file)
  const href = route.path === FAVICON ? route.path : `${route.path}?${contentHash(bytes)}`
  const size = extension === '.svg' ? 'any' : imageSize(bytes, extension)
  return { href, type: TYPES[extension], ...(size ? { sizes: `${size.width}x${size.height}` } : {}) }
}

/**
 * Each page's social images (files, and modules that draw one), by the depth of the
 * segment whose folder holds them (the chain of `children` from the root):
 * `[{ depth, openGraph?, twitter? }]`, each image `{ url, type, width, height, alt? }`
 * as Next reads it (the alt from a `.alt.txt` beside it), or `{ path, query, route }`
 * for a drawn one. The render puts a segment's images in place of what its
 * layout's metadata has, unless that names images itself.
 * @param {import('../../index.d.ts').RouteManifest} manifest
 * @param {string} root
 * @returns {object[][]} by route index
 */
export function metadataFileImages(manifest, root) {
  const byFolder = new Map()
  manifest.routes.forEach((route, index) => {
    const name = basename(route.file, extname(route.file))
    if (route.kind !== 'metadata' || !SOCIAL_IMAGE.test(name)) return
    const image = TYPES[extname(route.file)] ? socialImage(route, root) : drawn(route, index, root)
    if (!image) return
    const folder = dirname(route.file)
    const images = byFolder.get(folder) ?? {}
    const key = name.startsWith('opengraph') ? 'openGraph' : 'twitter'
    ;(images[key] ??= []).push(image)
    byFolder.set(folder, images)
  })
  return manifest.routes.map((route) => {
    if (route.kind !== 'page' || byFolder.size === 0) return []
    const found = []
    let folder = manifest.appDir
    for (let node = expandTree(manifest.segments, route.tree), depth = 0; node; node = node.slots?.children, depth++) {
      if (depth > 0) folder = `${folder}/${node.segment}`
      if (byFolder.has(folder)) found.push({ depth, ...byFolder.get(folder) })
    }
    return found
  })
}

/**
 * An image a module draws (`opengraph-image.tsx`, `icon.tsx`): the route's URL without
 * the id of `generateImageMetadata` (the render adds each image's), the module's
 * content hash as the query, and the route's index, whose module's `size`, `alt`,
 * `contentType` and `generateImageMetadata` the render reads, as Next does.
 */
function drawn(route, index, root) {
  if (!isModule(route.file)) return null
  const path = route.path.replace(/\/\[__metadata_id__\]$/, '')
  return { path, query: `?${contentHash(readFileSync(join(root, route.file)))}`, route: index }
}

function socialImage(route, root) {
  const path = join(root, route.file)
  const bytes = readFileSync(path)
  const extension = extname(route.file)
  const altFile = path.slice(0, -extension.length) + '.alt.txt'
  const alt = existsSync(altFile) ? readFileSync(altFile, 'utf8') : undefined
  return { url: `${route.path}?${contentHash(bytes)}`, type: TYPES[extension], ...imageSize(bytes, extension), ...(alt === undefined ? {} : { alt }) }
}

function contentHash(bytes) {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 16)
}

/** The size of a PNG, GIF, JPEG or ICO (its first image); null when it cannot tell. */
function imageSize(bytes, extension) {
  if (extension === '.png' && bytes.length >= 24) return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) }
  if (extension === '.gif' && bytes.length >= 10) return { width: bytes.readUInt16LE(6), height: bytes.readUInt16LE(8) }
  if (extension === '.ico' && bytes.length >= 8) return { width: bytes[6] || 256, height: bytes[7] || 256 }
  if (extension === '.jpg' || extension === '.jpeg') return jpegSize(bytes)
  return null
}

/** A JPEG's size, from its first start-of-frame marker. */
function jpegSize(bytes) {
  let offset = 2
  while (offset + 9 < bytes.length && bytes[offset] === 0xff) {
    const marker = bytes[offset + 1]
    const length = bytes.readUInt16BE(offset + 2)
    const isStartOfFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc
    if (isStartOfFrame) return { width: bytes.readUInt16BE(offset + 7), height: bytes.readUInt16BE(offset + 5) }
    offset += 2 + length
  }
  return null
}
