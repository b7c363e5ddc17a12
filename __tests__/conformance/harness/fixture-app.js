// One fixture app on one target: copied to a temp folder, built once, served on
// 127.0.0.1 at a free port, stopped by its PID.
import { execFileSync, spawn } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'

import * as cheerio from 'cheerio'

import { BrowserSession } from './browser.js'

const COMMANDS = {
  next: { build: ['next', 'build'], start: (port) => ['next', 'start', '--port', port, '--hostname', '127.0.0.1'] },
  vnext: { build: ['vnext', 'build'], start: (port) => ['vnext', 'start', '--port', port, '--hostname', '127.0.0.1', ...runtimeArgs()] },
}

/** `VNEXT_CONFORMANCE_RUNTIME=node` serves vnext builds with `--runtime node` (workerd by default). */
function runtimeArgs() {
  const runtime = process.env.VNEXT_CONFORMANCE_RUNTIME
  return runtime ? ['--runtime', runtime] : []
}

export class FixtureApp {
  /**
   * @param {string} fixtureDir the fixture's source folder
   * @param {'next' | 'vnext'} target
   * @param {string} dependenciesDir a folder whose `node_modules` the copy links to
   */
  constructor(fixtureDir, target, dependenciesDir) {
    this.fixtureDir = fixtureDir
    this.target = target
    this.dependenciesDir = dependenciesDir
    this.dir = null
    this.buildOutput = ''
    this.serverOutput = ''
    this.port = null
    this.server = null
    this.browserSession = null
    /** Variables added to the build's and the server's environment. */
    this.extraEnv = {}
  }

  /** Copies the fixture and builds it; throws with the build's output when it fails. */
  async build() {
    this.dir = join(mkdtempSync(join(tmpdir(), 'vnext-conformance-')), basename(this.fixtureDir))
    cpSync(this.fixtureDir, this.dir, { recursive: true })
    execFileSync('cp', ['-al', join(this.dependenciesDir, 'node_modules'), join(this.dir, 'node_modules')])
    const { dependencies } = JSON.parse(readFileSync(join(this.dependenciesDir, 'package.json'), 'utf8'))
    const manifest = { name: basename(this.fixtureDir), private: true, dependencies }
    writeFileSync(join(this.dir, 'package.json'), JSON.stringify(manifest, null, 2))

    const [bin, ...args] = COMMANDS[this.target].build
    const { code, output } = await run(this.binPath(bin), args, { cwd: this.dir, env: this.env() })
    this.buildOutput = output
    if (code !== 0) throw new Error(`${bin} build failed (exit ${code}) for ${this.fixtureDir}:\n${output.slice(-4000)}`)
    // `next build` installs what it finds missing (TypeScript, for a .ts file) from the
    // registry, into the hard-linked node_modules: it works on a warm machine and
    // fails on a fresh one.
    if (/Installing (dev)?dependencies/i.test(output)) {
      throw new Error(`${bin} build installed packages for ${this.fixtureDir}; give the fixture only what harness/dependencies.js installs:\n${output.slice(-4000)}`)
    }
  }

  /**
   * Starts the built app and waits until it says it is ready and answers HTTP. A free
   * port can be taken by another fixture's server between `freePort` and the bind; the
   * server then exits with "address already in use" and starts again on another port.
   */
  async start() {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.startOnFreePort()
      } catch (error) {
        if (attempt === 3 || !/EADDRINUSE|address already in use/i.test(this.serverOutput)) throw error
      }
    }
  }

  async startOnFreePort() {
    this.port = await freePort()
    const [bin, ...args] = COMMANDS[this.target].start(String(this.port))
    this.serverOutput = ''
    this.server = spawn(this.binPath(bin), args, { cwd: this.dir, env: this.env(), detached: true })
    const collect = (chunk) => (this.serverOutput += chunk)
    this.server.stdout.on('data', collect)
    this.server.stderr.on('data', collect)
    const exited = new Promise((resolve) => this.server.once('exit', resolve))

    const deadline = Date.now() + 60_000
    while (Date.now() < deadline) {
      const exit = await Promise.race([exited, sleep(100).then(() => undefined)])
      if (exit !== undefined) throw new Error(`${bin} start exited with ${exit}:\n${this.serverOutput}`)
      // Until our server says so, whatever answers on the port is someone else's.
      if (!this.serverOutput.includes('Ready')) continue
      try {
        await fetch(this.url('/'), { method: 'HEAD', redirect: 'manual' })
        return
      } catch {
        // Not listening yet.
      }
    }
    throw new Error(`${bin} start did not answer on port ${this.port} within 60 s:\n${this.serverOutput}`)
  }

  /** Stops the server (and its children) by its PID. */
  async stop() {
    await this.browserSession?.close()
    this.browserSession = null
    const server = this.server
    this.server = null
    if (!server || server.exitCode !== null || server.signalCode !== null) return
    const exited = new Promise((resolve) => server.once('exit', resolve))
    process.kill(-server.pid, 'SIGTERM')
    // An unref'd timer: once the server is gone nothing should keep the worker alive.
    const timedOut = await Promise.race([exited.then(() => false), sleep(5000, true, { ref: false })])
    if (timedOut) {
      process.kill(-server.pid, 'SIGKILL')
      await exited
    }
  }

  /** Removes the temp copy unless VNEXT_CONFORMANCE_KEEP is set. */
  cleanup() {
    if (this.dir && !process.env.VNEXT_CONFORMANCE_KEEP) rmSync(join(this.dir, '..'), { recursive: true, force: true })
  }

  url(path) {
    return `http://127.0.0.1:${this.port}${path}`
  }

  /** `fetch` against the running app; `path` starts with `/`. */
  fetch(path, init) {
    return fetch(this.url(path), init)
  }

  /** Fetches `path` and loads the HTML into cheerio. */
  async render$(path, init) {
    const response = await this.fetch(path, init)
    return cheerio.load(await response.text())
  }

  /**
   * Opens `path` in chromium and, unless `javaScriptEnabled` is false, waits for React
   * to hydrate the document.
   * @param {string} path
   * @param {{ javaScriptEnabled?: boolean }} [options]
   */
  async browser(path, options) {
    this.browserSession ??= new BrowserSession()
    return this.browserSession.open(this.url(path), options)
  }

  /** Reads a file of the fixture copy (the build output lives there too). */
  readFile(relativePath) {
    return readFileSync(join(this.dir, relativePath), 'utf8')
  }

  binPath(bin) {
    return join(this.dir, 'node_modules', '.bin', bin)
  }

  env() {
    return { ...process.env, ...this.extraEnv, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' }
  }
}

function run(command, args, options) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, options)
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, output }))
  })
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}
