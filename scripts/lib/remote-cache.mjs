// Starts a self-hosted turbo remote cache (the `turborepo-remote-cache` server with local
// storage) on a free loopback port, for the remote-cache test and the benchmark.
import {spawn} from 'node:child_process'
import {createServer} from 'node:net'
import {fileURLToPath} from 'node:url'

const serverBin = fileURLToPath(import.meta.resolve('turborepo-remote-cache/package.json').replace(/package\.json$/, 'dist/cli.js'))

/**
 * Resolves to a TCP port that was free on 127.0.0.1 a moment ago.
 *
 * @returns {Promise<number>}
 */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const {port} = /** @type {import('node:net').AddressInfo} */ (server.address())
      server.close(() => resolve(port))
    })
  })
}

/**
 * Starts the cache server in its own process group and waits until it answers.
 *
 * @param {{storageDir: string, token: string, readOnly?: boolean, keepsTags?: boolean, timeoutMs?: number}} options
 *   `storageDir` is an absolute folder for the artifacts; `token` is the bearer token clients send;
 *   `readOnly` refuses every upload (403), whatever the token; `keepsTags` (default true) stores
 *   and serves each artifact's signature, without which signed caching never hits.
 * @returns {Promise<{url: string, stop: () => Promise<void>}>}
 */
export async function startRemoteCache({storageDir, token, readOnly = false, keepsTags = true, timeoutMs = 20_000}) {
  const port = await freePort()
  const child = spawn(process.execPath, [serverBin], {
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: {
      PATH: process.env.PATH,
      HOST: '127.0.0.1',
      PORT: String(port),
      TURBO_TOKEN: token,
      STORAGE_PROVIDER: 'local',
      STORAGE_PATH: storageDir,
      STORAGE_PATH_USE_TMP_FOLDER: 'false',
      // The server never verifies signatures (it does not know turbo's key): this variable only
      // switches on storing the `x-artifact-tag` header beside each artifact and returning it.
      // Without it the tag is dropped on upload and every signed download is a miss.
      ...(keepsTags ? {TURBO_REMOTE_CACHE_SIGNATURE_KEY: 'store-artifact-tags'} : {}),
      READ_ONLY: String(readOnly),
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production'
    }
  })
  let stderr = ''
  child.stderr.on('data', (chunk) => {
    stderr += chunk
  })
  const exited = new Promise((resolve) => child.once('exit', resolve))
  const url = `http://127.0.0.1:${port}`
  const stop = async () => {
    // No pid: the server never started, so there is nothing to stop.
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid, 'SIGTERM')
      } catch {}
      await exited
    }
  }
  const deadline = Date.now() + timeoutMs
  while (true) {
    if (child.exitCode !== null) throw new Error(`the remote cache server exited with ${child.exitCode}:\n${stderr}`)
    try {
      const response = await fetch(`${url}/v8/artifacts/status`, {headers: {Authorization: `Bearer ${token}`}})
      if (response.ok) return {url, stop}
    } catch {}
    if (Date.now() > deadline) {
      await stop()
      throw new Error(`the remote cache server did not answer on ${url} within ${timeoutMs} ms:\n${stderr}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}
