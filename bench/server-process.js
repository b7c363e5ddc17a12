// Starting a server under test and talking to it: a free port on 127.0.0.1, a process
// group to stop, and plain keep-alive GETs.
import { spawn } from 'node:child_process'
import http from 'node:http'
import { createServer } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'

export function freePort() {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

/** @returns {Promise<http.IncomingMessage>} the response, its body read and dropped */
export function get(url, agent) {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent }, (response) => {
        response.resume()
        response.on('end', () => resolve(response))
      })
      .on('error', reject)
  })
}

/**
 * Spawns `bin args` (with `{port}` replaced) in its own process group and waits until
 * `probePath` answers.
 * @param {{ name: string, bin: string, args: string[], cwd: string, probePath: string, env?: Record<string, string> }} options
 * @returns {Promise<{ origin: string, stop: () => Promise<void> }>}
 */
export async function startServer({ name, bin, args, cwd, probePath, env = {} }) {
  const port = String(await freePort())
  const child = spawn(bin, args.map((arg) => arg.replace('{port}', port)), {
    cwd,
    detached: true,
    stdio: 'ignore',
    env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', ...env },
  })
  const origin = `http://127.0.0.1:${port}`
  const stop = async () => {
    try {
      process.kill(-child.pid, 'SIGTERM')
    } catch {}
    await sleep(500)
  }
  for (let tries = 0; tries < 600; tries++) {
    if (child.exitCode !== null) break
    try {
      await get(`${origin}${probePath}`)
      return { origin, stop }
    } catch {
      await sleep(100)
    }
  }
  await stop()
  throw new Error(`${name} did not answer on ${origin}`)
}
