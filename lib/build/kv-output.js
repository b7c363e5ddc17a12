// The prerendered pages as `.vnext/kv/`: `pages.json` in the format `wrangler kv bulk
// put` reads (text values as they are, others in base64), and `manifest.json` saying
// which path went under which key, which were left out, and a stamp that tells
// `vnext start` whether it has seeded its local KV with this build yet.
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

import { MAX_VALUE_BYTES } from '../server/kv-store.js'

export const KV_DIR = 'kv'

/**
 * @param {string} outputDir
 * @param {Array<{ path: string, key: string, value: Uint8Array, metadata: object }>} records
 * @returns {string[]} warnings, one per page left out
 */
export function writeKvOutput(outputDir, records) {
  const warnings = []
  const kept = []
  for (const record of records) {
    if (record.value.length > MAX_VALUE_BYTES) warnings.push(`${record.path} is ${record.value.length} bytes, over KV's 25 MiB limit: it is not prerendered into KV.`)
    else kept.push(record)
  }
  const dir = join(outputDir, KV_DIR)
  mkdirSync(dir, { recursive: true })
  const decoder = new TextDecoder('utf-8', { fatal: true })
  const bulk = kept.map(({ key, value, metadata }) => {
    try {
      return { key, value: decoder.decode(value), metadata }
    } catch {
      return { key, value: Buffer.from(value).toString('base64'), base64: true, metadata }
    }
  })
  writeFileSync(join(dir, 'pages.json'), JSON.stringify(bulk))
  const manifest = {
    stamp: randomBytes(8).toString('hex'),
    pages: kept.map(({ path, key, value }) => ({ path, key, bytes: value.length })),
    leftOut: records.filter((record) => !kept.includes(record)).map(({ path }) => path),
  }
  writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`)
  return warnings
}

/**
 * Puts the build's pages into a KV namespace (Miniflare's, or the file store) once per
 * build: a restart keeps what the server regenerated since.
 * @param {string} outputDir
 * @param {{ put(key: string, value: string | Uint8Array, options: { metadata: object }): Promise<void> }} namespace
 * @param {string} stateName  the namespace's folder under `.vnext/state/`
 */
export async function seedPageCache(outputDir, namespace, stateName) {
  if (isSeeded(outputDir, stateName)) return
  const dir = join(outputDir, KV_DIR)
  for (const { key, value, base64, metadata } of JSON.parse(readFileSync(join(dir, 'pages.json'), 'utf8'))) {
    await namespace.put(key, base64 ? new Uint8Array(Buffer.from(value, 'base64')) : value, { metadata })
  }
  mkdirSync(join(outputDir, 'state'), { recursive: true })
  writeFileSync(seedMarker(outputDir, stateName), buildStamp(outputDir))
}

/** Whether the namespace under `.vnext/state/<stateName>` holds this build's pages (or there are none). */
export function isSeeded(outputDir, stateName) {
  const stamp = buildStamp(outputDir)
  const marker = seedMarker(outputDir, stateName)
  return stamp === null || (existsSync(marker) && readFileSync(marker, 'utf8') === stamp)
}

function buildStamp(outputDir) {
  const manifest = join(outputDir, KV_DIR, 'manifest.json')
  return existsSync(manifest) ? JSON.parse(readFileSync(manifest, 'utf8')).stamp : null
}

function seedMarker(outputDir, stateName) {
  return join(outputDir, 'state', `${stateName}.seeded`)
}
