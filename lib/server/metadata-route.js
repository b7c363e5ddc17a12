// Generated metadata files: `robots.js`, `sitemap.js` and `manifest.js` return data
// that Next serves as `/robots.txt`, `/sitemap.xml` and `/manifest.webmanifest`;
// `icon.js`, `apple-icon.js`, `opengraph-image.js` and `twitter-image.js` return the
// image's Response (usually an ImageResponse), served as it is.

const IMAGE_KINDS = new Set(['icon', 'apple-icon', 'opengraph-image', 'twitter-image'])

/**
 * @param {string} file the metadata module's path in the app (`app/robots.ts`)
 * @param {Record<string, any>} module
 * @param {Record<string, string | string[]>} [params] the route's, with `__metadata_id__` for an image of `generateImageMetadata`
 * @returns {Promise<Response | null>} null for a kind vnext does not generate
 */
export async function handleMetadataRoute(file, module, params = {}) {
  const kind = file.split('/').pop().split('.')[0]
  if (IMAGE_KINDS.has(kind)) return imageResponse(module, params)
  const data = await module.default?.()
  if (kind === 'robots') return textResponse(robotsText(data), 'text/plain')
  if (kind === 'sitemap') return textResponse(sitemapXml(data), 'application/xml')
  if (kind === 'manifest') return textResponse(JSON.stringify(data), 'application/manifest+json')
  return null
}

/** As Next's image route: `default({ params, id })`, where `id` must be one that `generateImageMetadata` lists. */
async function imageResponse(module, { __metadata_id__: id, ...params }) {
  if (!module.generateImageMetadata) return module.default({ params: Promise.resolve(params) })
  const images = await module.generateImageMetadata({ params })
  for (const image of images) {
    if (image?.id == null) throw new Error('id property is required for every item returned from generateImageMetadata')
  }
  if (!images.some((image) => String(image.id) === id)) return new Response('Not Found', { status: 404 })
  return module.default({ params: Promise.resolve(params), id: Promise.resolve(id) })
}

function textResponse(body, contentType) {
  return new Response(body, { headers: { 'content-type': contentType, 'cache-control': 'public, max-age=0, must-revalidate' } })
}

function robotsText({ rules = [], host, sitemap } = {}) {
  let text = ''
  for (const rule of [rules].flat()) {
    for (const agent of [rule.userAgent ?? '*'].flat()) text += `User-Agent: ${agent}\n`
    for (const path of [rule.allow ?? []].flat()) text += `Allow: ${path}\n`
    for (const path of [rule.disallow ?? []].flat()) text += `Disallow: ${path}\n`
    if (rule.crawlDelay !== undefined) text += `Crawl-delay: ${rule.crawlDelay}\n`
    text += '\n'
  }
  if (host) text += `Host: ${host}\n`
  for (const url of [sitemap ?? []].flat()) text += `Sitemap: ${url}\n`
  return text
}

function sitemapXml(entries = []) {
  const urls = entries.map((entry) => {
    const fields = [`<loc>${escapeXml(entry.url)}</loc>`]
    if (entry.lastModified !== undefined) {
      const date = entry.lastModified instanceof Date ? entry.lastModified.toISOString() : entry.lastModified
      fields.push(`<lastmod>${escapeXml(String(date))}</lastmod>`)
    }
    if (entry.changeFrequency) fields.push(`<changefreq>${escapeXml(entry.changeFrequency)}</changefreq>`)
    if (entry.priority !== undefined) fields.push(`<priority>${entry.priority}</priority>`)
    return `<url>\n${fields.join('\n')}\n</url>`
  })
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`
}

function escapeXml(text) {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;')
}
