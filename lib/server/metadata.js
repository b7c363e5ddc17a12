// The metadata API: each segment's `metadata` or `generateMetadata`, and `viewport` or
// `generateViewport`, along the route, merged from the root down (a key a deeper
// segment sets replaces its parent's), becomes the document's head tags. React hoists
// them into <head>.
import { Fragment, createElement as h } from 'react'

const CLIENT_REFERENCE = Symbol.for('react.client.reference')

/**
 * @param {Array<Record<string, any>>} chain the loaded modules of each segment, root first
 * @param {{ params: Promise<object>, searchParams: Promise<object> }} props
 * @param {{ kind: string } | undefined} cut a not-found or error page is not indexed
 * @param {object[]} fileLinks links to the segments' icons (files, and modules that draw
 *   them; they take the place of the `icons` metadata, as in Next) and the web manifest
 * @param {object[]} fileImages the Open Graph and Twitter images of segments (files, and
 *   modules that draw one), by their depth in `chain`
 */
export async function renderMetadata(chain, props, cut, fileLinks, fileImages = []) {
  let metadata = {}
  let viewport = {}
  let template = null
  let title = null
  const merge = async (module, kind) => {
    if (!module) return null
    const ownViewport = await read(module, 'viewport', 'generateViewport', props, viewport)
    if (ownViewport) viewport = { ...viewport, ...ownViewport }
    const own = await read(module, 'metadata', 'generateMetadata', props, metadata)
    if (!own) return null
    if ('title' in own) title = resolveTitle(own.title, template)
    metadata = { ...metadata, ...own }
    if (kind === 'layout' && own.title && typeof own.title === 'object' && 'template' in own.title) template = own.title.template
    return own
  }
  for (const [depth, files] of chain.entries()) {
    const layoutMetadata = await merge(files.layout, 'layout')
    // A segment's image files stand in for the images its layout's metadata would give.
    const images = fileImages.find((entry) => entry.depth === depth)
    for (const key of ['openGraph', 'twitter']) {
      if (images?.[key] && !(layoutMetadata?.[key] && 'images' in layoutMetadata[key])) {
        const resolved = await Promise.all(images[key].map((image) => (image.load ? drawnImages(image, props) : image)))
        metadata = { ...metadata, [key]: { ...metadata[key], images: resolved.flat() } }
      }
    }
    if (!cut) await merge(files.page, 'page')
  }
  metadata = withSocialDefaults(metadata, title)
  const base = metadata.metadataBase ? new URL(metadata.metadataBase) : null
  const url = (value) => (base && typeof value === 'string' && value.startsWith('/') ? new URL(value, base).href : String(value))
  const tags = []
  const add = (type, props, children) => tags.push(h(type, { ...props, key: tags.length }, children))
  const meta = (attribute, name, content) => {
    if (content !== undefined && content !== null && content !== '') add('meta', { [attribute]: name, content: String(content) })
  }

  add('meta', { charSet: 'utf-8' })
  meta('name', 'viewport', viewportContent(viewport))
  for (const color of [viewport.themeColor ?? []].flat()) {
    if (typeof color === 'string') meta('name', 'theme-color', color)
    else add('meta', { name: 'theme-color', media: color.media, content: color.color })
  }
  meta('name', 'color-scheme', viewport.colorScheme)
  if (title) add('title', null, title)
  meta('name', 'description', metadata.description)
  meta('name', 'application-name', metadata.applicationName)
  meta('name', 'keywords', [metadata.keywords ?? []].flat().join(','))
  if (cut) meta('name', 'robots', 'noindex')
  else {
    meta('name', 'robots', robotsContent(metadata.robots))
    meta('name', 'googlebot', robotsContent(metadata.robots?.googleBot))
  }
  if (metadata.alternates?.canonical) add('link', { rel: 'canonical', href: url(metadata.alternates.canonical.url ?? metadata.alternates.canonical) })
  openGraphTags(metadata.openGraph, meta, url)
  twitterTags(metadata.twitter, meta, url)
  const links = await Promise.all(fileLinks.map((link) => (link.load ? drawnIcons(link, props) : link)))
  for (const link of links.flat()) add('link', link)
  if (!fileLinks.some((link) => link.rel !== 'manifest')) iconLinks(metadata.icons, add)
  return h(Fragment, null, ...tags)
}

async function read(module, name, generatorName, props, parent) {
  // A "use client" segment is a reference here: every name on it is a client function.
  if (module.$$typeof === CLIENT_REFERENCE) return null
  if (typeof module[generatorName] === 'function') return module[generatorName](props, Promise.resolve(parent))
  return module[name] ?? null
}

/** A title as Next resolves it: strings fill the template of the nearest layout above. */
function resolveTitle(title, template) {
  const fill = (text) => (template && typeof text === 'string' ? template.replace('%s', text) : text)
  if (typeof title === 'string') return fill(title)
  if (!title) return null
  if (title.absolute) return title.absolute
  return 'default' in title ? fill(title.default) : null
}

const VIEWPORT_KEYS = { width: 'width', height: 'height', initialScale: 'initial-scale', minimumScale: 'minimum-scale', maximumScale: 'maximum-scale', viewportFit: 'viewport-fit', interactiveWidget: 'interactive-widget' }

function viewportContent(viewport) {
  const parts = []
  const fields = { width: 'device-width', initialScale: 1, ...viewport }
  for (const [key, name] of Object.entries(VIEWPORT_KEYS)) if (fields[key] !== undefined) parts.push(`${name}=${fields[key]}`)
  if (fields.userScalable !== undefined) parts.push(`user-scalable=${fields.userScalable ? 'yes' : 'no'}`)
  return parts.join(', ')
}

function robotsContent(robots) {
  if (!robots) return undefined
  if (typeof robots === 'string') return robots
  const parts = []
  if (robots.index !== undefined) parts.push(robots.index ? 'index' : 'noindex')
  if (robots.follow !== undefined) parts.push(robots.follow ? 'follow' : 'nofollow')
  for (const flag of ['noarchive', 'nosnippet', 'noimageindex', 'nocache', 'notranslate', 'indexifembedded', 'nositelinkssearchbox', 'unavailable_after']) {
    if (robots[flag]) parts.push(flag)
  }
  for (const key of ['max-snippet', 'max-image-preview', 'max-video-preview']) {
    if (robots[key] !== undefined) parts.push(`${key}:${robots[key]}`)
  }
  return parts.join(', ') || undefined
}

function images(value, url) {
  return [value ?? []].flat().map((image) => (typeof image === 'string' || image instanceof URL ? { url: url(String(image)) } : { ...image, url: url(String(image.url)) }))
}

function openGraphTags(og, meta, url) {
  if (!og) return
  meta('property', 'og:title', og.title?.absolute ?? og.title?.default ?? og.title)
  meta('property', 'og:description', og.description)
  if (og.url) meta('property', 'og:url', url(String(og.url)))
  meta('property', 'og:site_name', og.siteName)
  meta('property', 'og:locale', og.locale)
  for (const image of images(og.images, url)) {
    meta('property', 'og:image', image.url)
    meta('property', 'og:image:secure_url', image.secureUrl)
    meta('property', 'og:image:type', image.type)
    meta('property', 'og:image:width', image.width)
    meta('property', 'og:image:height', image.height)
    meta('property', 'og:image:alt', image.alt)
  }
  meta('property', 'og:type', og.type)
  if (og.type === 'article') {
    meta('property', 'article:published_time', og.publishedTime)
    meta('property', 'article:modified_time', og.modifiedTime)
    for (const author of [og.authors ?? []].flat()) meta('property', 'article:author', author)
    meta('property', 'article:section', og.section)
    for (const tag of [og.tags ?? []].flat()) meta('property', 'article:tag', tag)
  }
}

/**
 * As Next fills them in after merging: Twitter takes what it lacks (title, description,
 * images) from Open Graph, and both take the page's title and description.
 */
function withSocialDefaults(metadata, title) {
  const { openGraph, twitter, description } = metadata
  const hasTitle = (value) => Boolean(value?.title && (typeof value.title === 'string' || value.title.absolute || value.title.default))
  const result = { ...metadata }
  if (openGraph) {
    result.twitter = {
      ...twitter,
      ...(!hasTitle(twitter) && (hasTitle(openGraph) || title) ? { title: hasTitle(openGraph) ? openGraph.title : title } : {}),
      ...(!twitter?.description ? { description: openGraph.description || description } : {}),
      ...(!twitter?.images ? { images: openGraph.images } : {}),
    }
  }
  for (const key of ['openGraph', 'twitter']) {
    if (!result[key]) continue
    result[key] = {
      ...result[key],
      ...(!hasTitle(result[key]) && title ? { title } : {}),
      ...(!result[key].description && description ? { description } : {}),
    }
  }
  return result
}

function twitterTags(twitter, meta, url) {
  if (!twitter) return
  meta('name', 'twitter:card', twitter.card ?? (twitter.images ? 'summary_large_image' : 'summary'))
  meta('name', 'twitter:site', twitter.site)
  meta('name', 'twitter:creator', twitter.creator)
  meta('name', 'twitter:title', twitter.title?.absolute ?? twitter.title?.default ?? twitter.title)
  meta('name', 'twitter:description', twitter.description)
  for (const image of images(twitter.images, url)) {
    meta('name', 'twitter:image', image.url)
    meta('name', 'twitter:image:alt', image.alt)
    meta('name', 'twitter:image:secure_url', image.secureUrl)
    meta('name', 'twitter:image:type', image.type)
    meta('name', 'twitter:image:width', image.width)
    meta('name', 'twitter:image:height', image.height)
  }
}

/** Icon URLs stay as written: Next does not resolve them against metadataBase. */
function iconLinks(icons, add) {
  if (!icons) return
  const normalised = typeof icons === 'string' || Array.isArray(icons) || icons instanceof URL ? { icon: icons } : icons
  const link = (rel, icon) => {
    const { url: href, rel: ownRel, ...rest } = typeof icon === 'string' || icon instanceof URL ? { url: icon } : icon
    add('link', { rel: ownRel ?? rel, href: String(href), ...rest })
  }
  for (const icon of [normalised.shortcut ?? []].flat()) link('shortcut icon', icon)
  for (const icon of [normalised.icon ?? []].flat()) link('icon', icon)
  for (const icon of [normalised.apple ?? []].flat()) link('apple-touch-icon', icon)
  for (const icon of [normalised.other ?? []].flat()) link(icon.rel ?? 'icon', icon)
}

/**
 * The images a module draws, as Next describes them: its route's URL with the page's
 * params filled in, and the module's `contentType` (PNG unless it says), `size` and
 * `alt`; or, when it exports `generateImageMetadata`, one image per item it returns,
 * each item's `id` added to the URL.
 * @returns {Promise<Array<{ url: string, type: string, size?: { width: number, height: number }, alt?: string }>>}
 */
async function drawnImagesOf(image, props) {
  const [module, params] = await Promise.all([image.load(), props.params])
  const path = image.path.replace(/\[{1,2}(?:\.\.\.)?([^\]]+)\]{1,2}/g, (_, name) => [params[name] ?? []].flat().map(encodeURIComponent).join('/'))
  const describe = (fields, id) => ({
    url: `${path}${id === undefined ? '' : `/${id}`}${image.query}`,
    type: fields.contentType || 'image/png',
    ...(fields.size ? { size: fields.size } : {}),
    ...(fields.alt === undefined ? {} : { alt: fields.alt }),
  })
  if (!module.generateImageMetadata) return [describe(module)]
  const items = await module.generateImageMetadata({ params })
  return items.map((item) => describe(item, item.id))
}

/** Open Graph and Twitter images take the size as `width` and `height`. */
async function drawnImages(image, props) {
  return (await drawnImagesOf(image, props)).map(({ size, ...rest }) => ({ ...rest, ...(size ? { width: size.width, height: size.height } : {}) }))
}

/** Icons take it as `sizes`. */
async function drawnIcons(link, props) {
  return (await drawnImagesOf(link, props)).map(({ url, type, size }) => ({ rel: link.rel, href: url, type, ...(size ? { sizes: `${size.width}x${size.height}` } : {}) }))
}
