// A KV namespace in a folder, for `vnext start --runtime node`: the part of the Workers
// KV API the caches use, one file per key: a JSON line with the key and its metadata,
// then the value.
import { createHash } from 'node:crypto'
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

const PARTIAL = '.partial'

export class FileKv {
  /** @param {string} dir */
  constructor(dir) {
    this.dir = dir
  }

  /** @param {string} key @param {{ type?: 'arrayBuffer' | 'text' }} [options] */
  async getWithMetadata(key, options) {
    let file
    try {
      file = await readFile(this.pathOf(key))
    } catch (error) {
      if (error.code === 'ENOENT') return { value: null, metadata: null }
      throw error
    }
    const { metadata, bytes } = parseEntry(file)
    const value = options?.type === 'arrayBuffer' ? bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) : bytes.toString('utf8')
    return { value, metadata }
  }

  /** @param {string} key @param {string | Uint8Array} value @param {{ metadata?: object }} [options] */
  async put(key, value, options) {
    await mkdir(this.dir, { recursive: true })
    const path = this.pathOf(key)
    // Written aside, then renamed: a reader never sees half a value.
    const partial = `${path}.${process.pid}${PARTIAL}`
    const head = JSON.stringify({ key, metadata: options?.metadata ?? null })
    await writeFile(partial, Buffer.concat([Buffer.from(`${head}\n`), Buffer.from(value)]))
    await rename(partial, path)
  }

  /** @param {string} key */
  async delete(key) {
    await rm(this.pathOf(key), { force: true })
  }

  /** Every key under `prefix` with its metadata, in one page. @param {{ prefix?: string }} [options] */
  async list(options) {
    const prefix = options?.prefix ?? ''
    let names
    try {
      names = await readdir(this.dir)
    } catch (error) {
      if (error.code === 'ENOENT') return { keys: [], list_complete: true }
      throw error
    }
    const keys = []
    for (const name of names.filter((name) => !name.endsWith(PARTIAL))) {
      // A key deleted since the listing is simply not there.
      const file = await readFile(join(this.dir, name)).catch((error) => (error.code === 'ENOENT' ? null : Promise.reject(error)))
      if (!file) continue
      const { key, metadata } = parseEntry(file)
      if (key.startsWith(prefix)) keys.push({ name: key, metadata })
    }
    return { keys: keys.sort((a, b) => a.name.localeCompare(b.name)), list_complete: true }
  }

  pathOf(key) {
    return join(this.dir, createHash('sha256').update(key).digest('hex'))
  }
}

function parseEntry(file) {
  const headEnd = file.indexOf(10)
  const { key, metadata } = JSON.parse(file.subarray(0, headEnd).toString('utf8'))
  return { key, metadata, bytes: file.subarray(headEnd + 1) }
}
