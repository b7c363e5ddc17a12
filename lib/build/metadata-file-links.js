// The `<link>`s a page gets for metadata files: the icon files of its segments
// (`favicon.ico`, `icon.*`, `apple-icon.*`), as Next writes them (type from the
// extension, size read from the image, a content hash in the query so browsers fetch a
// changed icon), and the app's web manifest.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { basename, dirname, extname, join } from 'node:path'

const TYPES = { '.ico': 'image/x-icon', '.png': 'image/png', '.svg': 'image/svg+xml', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg' }
const ICON = /^(favicon|icon\d*|apple-icon\d*)$/
const FAVICON = '/favicon.ico'
const WEB_MANIFEST = /^\/manifest\.(webmanifest|json)$/

/**
 * Each route's links (empty for all but pages): the favicon, then the icons and Apple
 * icons of the deepest segment above the page that has some, then the manifest.
 * @param {import('../../index.d.ts').RouteManifest} manifest
 * @param {string} root
 * @returns {object[][]} by route index
 */
export function metadataFileLinks(manifest, root) {
  const icons = manifest.routes
    .filter((route) => route.kind === 'metadata' && ICON.test(basename(route.file, extname(route.file))) && TYPES[extname(route.file)])
    .map((route) => ({ dir: dirname(route.file), link: iconLink(route, root) }))
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

function iconLink(route, root) {
  const bytes = readFileSync(join(root, route.file))
  const extension = extname(route.file)
  const rel = basename(route.file).startsWith('apple-icon') ? 'apple-touch-icon' : 'icon'
  const href = route.path === FAVICON ? route.path : `${route.path}?${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}`
  const size = imageSize(bytes, extension)
  return { rel, href, type: TYPES[extension], ...(size ? { sizes: size } : {}) }
}

/** `WxH` of a PNG or ICO (its first image), `any` for an SVG; null when unknown. */
function imageSize(bytes, extension) {
  if (extension === '.svg') return 'any'
  if (extension === '.png' && bytes.length >= 24) return `${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`
  if (extension === '.ico' && bytes.length >= 8) return `${bytes[6] || 256}x${bytes[7] || 256}`
  return null
}
