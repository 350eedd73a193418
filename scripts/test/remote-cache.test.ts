// A second machine reuses the first one's builds through a shared turbo remote cache, and
// nothing else: a copy of this workspace and a clone of it, at different paths and each with an
// empty local cache, build the same commit with the documented set-up (signed artifacts, a
// writable endpoint for CI, a read-only one for laptops). Between the two builds the test does
// what anyone with write access to the cache's storage could do: it swaps the CLI's artifact for
// a valid archive whose `mltop10.js` runs foreign code.
import {spawnSync} from 'node:child_process'
import {randomBytes} from 'node:crypto'
import {appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {startRemoteCache} from '../lib/remote-cache.mjs'
import {cleanEnv, cloneWorkspace, copyWorkspace, treeDigest, turboRun} from '../lib/workspace.mjs'
import {readOutputs, writeArtifact} from './remote-cache-artifact.js'

const root = fileURLToPath(new URL('../..', import.meta.url))
const team = 'team_mltop10'
const ciToken = `ci-${randomBytes(16).toString('hex')}`
const laptopToken = `laptop-${randomBytes(16).toString('hex')}`
// turbo wants at least 32 bytes (`openssl rand -hex 32` in the README gives 64 characters).
const signatureKey = randomBytes(32).toString('hex')
const cliTask = '@mltop10/cli#build'
const cliOutputs = ['packages/cli/.turbo', 'packages/cli/dist']
const marker = 'mltop10-forged-artifact-ran'

type Cache = Awaited<ReturnType<typeof startRemoteCache>>
type Run = ReturnType<typeof turboRun>
let work: string
let storage: string
let ci: Cache | undefined
let laptop: Cache | undefined
let ciEnv: NodeJS.ProcessEnv
let laptopEnv: NodeJS.ProcessEnv
let first: Run
let second: Run
let unsigned: Run
let unsignedCli: string

const taskOf = (run: Run, taskId: string) => run.tasks.find((task) => task.taskId === taskId)
const artifactPath = (hash: string) => join(storage, team, hash)

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'mltop10-remote-cache-'))
  storage = join(work, 'server-storage')
  // One storage, two doors: CI's token may write; the laptops' token opens only a read-only server.
  ci = await startRemoteCache({storageDir: storage, token: ciToken})
  laptop = await startRemoteCache({storageDir: storage, token: laptopToken, readOnly: true})
  ciEnv = cleanEnv({TURBO_API: ci.url, TURBO_TOKEN: ciToken, TURBO_TEAM: team, TURBO_REMOTE_CACHE_SIGNATURE_KEY: signatureKey})
  laptopEnv = cleanEnv({TURBO_API: laptop.url, TURBO_TOKEN: laptopToken, TURBO_TEAM: team, TURBO_REMOTE_CACHE_SIGNATURE_KEY: signatureKey})

  copyWorkspace(root, join(work, 'first'))
  first = turboRun(join(work, 'first'), ['build'], ciEnv)

  // The forgery: the genuine outputs, with a line of foreign code ahead of the bundled CLI.
  const files = readOutputs(join(work, 'first'), cliOutputs)
  const bundle = files.get('packages/cli/dist/mltop10.js')
  if (!bundle) throw new Error('the first build wrote no packages/cli/dist/mltop10.js')
  files.set('packages/cli/dist/mltop10.js', Buffer.concat([Buffer.from(`console.error('${marker}');\n`), bundle]))
  writeFileSync(artifactPath(taskOf(first, cliTask)!.hash), writeArtifact(files))

  // The same forgery against the set-up before signing (`remoteCache.signature` off, no key):
  // a laptop that only reads the cache replays it, and the next `mltop10` command runs it.
  const before = join(work, 'unsigned')
  cloneWorkspace(join(work, 'first'), before)
  const config = JSON.parse(readFileSync(join(before, 'turbo.json'), 'utf8'))
  writeFileSync(join(before, 'turbo.json'), JSON.stringify({...config, remoteCache: {signature: false}}, null, 2))
  const {TURBO_REMOTE_CACHE_SIGNATURE_KEY: _key, ...unsignedEnv} = laptopEnv
  unsigned = turboRun(before, ['build', `--filter=${cliTask.split('#')[0]}`, '--cache=remote:r'], unsignedEnv)
  const cli = spawnSync(process.execPath, ['packages/cli/bin/mltop10.js', '--help'], {cwd: before, encoding: 'utf8'})
  unsignedCli = `${cli.stdout}${cli.stderr}`

  cloneWorkspace(join(work, 'first'), join(work, 'second'))
  second = turboRun(join(work, 'second'), ['build'], ciEnv)
}, 600_000)

afterAll(async () => {
  // Cleanup must not fail the run: deleting three installed workspaces takes 12-30 s under load.
  for (const server of [ci, laptop]) await server?.stop().catch((error: unknown) => console.warn('stopping a cache server failed:', error))
  if (!work) return
  try {
    rmSync(work, {recursive: true, force: true, maxRetries: 3})
  } catch (error) {
    console.warn(`could not delete ${work}:`, error)
  }
}, 120_000)

/** Runs `fn` with `path` (relative to the second machine's root) changed, then restores it. */
function withEdit<T>(path: string, line: string, fn: () => T): T {
  const file = join(work, 'second', path)
  const original = readFileSync(file)
  appendFileSync(file, line)
  try {
    return fn()
  } finally {
    writeFileSync(file, original)
  }
}

describe('shared turbo remote cache with signed artifacts', () => {
  it('runs every task on the first machine, which has nothing cached, and stores a signature beside each artifact', () => {
    // Seven packages, the PDFs of every language (content#pdf) and the site (content#build).
    expect(first.tasks.length).toBeGreaterThanOrEqual(9)
    expect(first.tasks.filter((task) => task.status !== 'MISS')).toEqual([])
    for (const {taskId, hash} of first.tasks) {
      expect(existsSync(artifactPath(hash)), taskId).toBe(true)
      expect(statSync(`${artifactPath(hash)}.tag`, {throwIfNoEntry: false})?.size ?? 0, `${taskId} signature`).toBeGreaterThan(0)
    }
  })

  it('without signing, replays the forged CLI artifact into a reader and runs its code (the threat)', () => {
    expect(taskOf(unsigned, cliTask)).toMatchObject({status: 'HIT', source: 'REMOTE'})
    expect(unsignedCli).toContain(marker)
  })

  it('refuses the forged artifact on a second machine: it rebuilds the CLI and replays every other task', () => {
    expect(second.tasks.map((task) => task.taskId)).toEqual(first.tasks.map((task) => task.taskId))
    expect(taskOf(second, cliTask)).toMatchObject({status: 'MISS'})
    const others = second.tasks.filter((task) => task.taskId !== cliTask)
    expect(others.filter((task) => task.status !== 'HIT' || task.source !== 'REMOTE')).toEqual([])
  })

  it('gives the second machine byte-identical outputs, the genuine CLI, and no file the first lacks', () => {
    const a = treeDigest(join(work, 'first'))
    const b = treeDigest(join(work, 'second'))
    expect([...b.keys()]).toEqual([...a.keys()])
    expect([...a].filter(([path, digest]) => b.get(path) !== digest).map(([path]) => path)).toEqual([])
    // The replay restored the built site, the PDFs and the compiled packages.
    for (const path of ['dist/site/en/2023/index.html', 'dist/pdf/2023-en.pdf', 'dist/pdf/2023-ja.pdf', 'packages/cli/dist/mltop10.js']) expect(b.has(path), path).toBe(true)
    expect(readFileSync(join(work, 'second', 'packages/cli/dist/mltop10.js'), 'utf8')).not.toContain(marker)
  })

  it('keys tasks by content: a translated page edit reruns only the PDFs and the site, not the packages', () => {
    appendFileSync(join(work, 'second', 'locales/es/editions/2023/introduction.md'), '\nUna frase más para la prueba de caché.\n')
    const third = turboRun(join(work, 'second'), ['build'], ciEnv)
    const missed = third.tasks.filter((task) => task.status === 'MISS').map((task) => task.taskId)
    expect(missed.sort()).toEqual(['@mltop10/content#build', '@mltop10/content#pdf'])
  }, 300_000)

  it('lets a laptop replay through the read-only server, and `--cache=local:rw,remote:r` uploads nothing', () => {
    const replay = turboRun(join(work, 'second'), ['build', '--filter=@mltop10/cli', '--cache=remote:r'], laptopEnv)
    expect(replay.tasks.filter((task) => task.status !== 'HIT' || task.source !== 'REMOTE')).toEqual([])

    const stored = treeDigest(storage)
    // Against CI's writable server, so that only the flag stands between the miss and an upload.
    const run = withEdit('packages/core/src/index.ts', '\n// a laptop edit\n', () => turboRun(join(work, 'second'), ['build', '--filter=@mltop10/core', '--cache=local:rw,remote:r'], ciEnv))
    expect(taskOf(run, '@mltop10/core#build')).toMatchObject({status: 'MISS'})
    expect(treeDigest(storage)).toEqual(stored)
  }, 120_000)

  it('refuses every upload with the laptops\' token, even when a laptop forgets the flag', async () => {
    const stored = treeDigest(storage)
    const run = withEdit('packages/core/src/index.ts', '\n// another laptop edit\n', () => turboRun(join(work, 'second'), ['build', '--filter=@mltop10/core'], laptopEnv))
    expect(taskOf(run, '@mltop10/core#build')).toMatchObject({status: 'MISS'})
    expect(treeDigest(storage)).toEqual(stored)

    const put = (url: string, token: string) =>
      fetch(`${url}/v8/artifacts/0123456789abcdef?slug=${team}`, {method: 'PUT', headers: {Authorization: `Bearer ${token}`, 'Content-Type': 'application/octet-stream'}, body: 'x'})
    expect((await put(laptop!.url, laptopToken)).status).toBe(403)
    expect((await put(ci!.url, laptopToken)).status).toBe(401)
    expect(treeDigest(storage)).toEqual(stored)
  }, 120_000)

  it('treats a machine without the signature key as a stranger: it replays nothing and uploads nothing', () => {
    const stored = treeDigest(storage)
    const {TURBO_REMOTE_CACHE_SIGNATURE_KEY: _key, ...keyless} = ciEnv
    const run = turboRun(join(work, 'second'), ['build', '--filter=@mltop10/core', '--cache=remote:rw'], keyless)
    expect(taskOf(run, '@mltop10/core#build')).toMatchObject({status: 'MISS'})
    expect(treeDigest(storage)).toEqual(stored)
  }, 120_000)

  it('builds from source with the release flag `--cache=local:w`, though both caches hold the task, and uploads nothing', () => {
    const stored = treeDigest(storage)
    const run = turboRun(join(work, 'second'), ['build', '--filter=@mltop10/core', '--cache=local:w'], ciEnv)
    expect(existsSync(artifactPath(taskOf(run, '@mltop10/core#build')!.hash))).toBe(true)
    expect(taskOf(run, '@mltop10/core#build')).toMatchObject({status: 'MISS'})
    expect(treeDigest(storage)).toEqual(stored)
  }, 120_000)

  it('gets no hit from a server that drops the signatures (turborepo-remote-cache without its switch)', async () => {
    const forgetful = await startRemoteCache({storageDir: join(work, 'forgetful-storage'), token: ciToken, keepsTags: false})
    try {
      const env = {...ciEnv, TURBO_API: forgetful.url}
      const args = ['build', '--filter=@mltop10/core', '--cache=remote:rw']
      const upload = turboRun(join(work, 'second'), args, env)
      expect(existsSync(join(work, 'forgetful-storage', team, taskOf(upload, '@mltop10/core#build')!.hash))).toBe(true)
      expect(taskOf(turboRun(join(work, 'second'), args, env), '@mltop10/core#build')).toMatchObject({status: 'MISS'})
    } finally {
      await forgetful.stop()
    }
  }, 120_000)

  it('keeps the token and the key out of the artifacts and refuses clients without the token', async () => {
    for (const [path] of treeDigest(join(work, 'second'))) {
      if (!/\.(html|js|json|txt|xml|csv|md)$/.test(path)) continue
      const text = readFileSync(join(work, 'second', path), 'utf8')
      expect(text.includes(ciToken) || text.includes(signatureKey), path).toBe(false)
    }
    const artifact = `${ci!.url}/v8/artifacts/${first.tasks[0]?.hash}?slug=${team}`
    expect((await fetch(artifact, {headers: {Authorization: `Bearer ${ciToken}`}})).status).toBe(200)
    expect((await fetch(artifact, {headers: {Authorization: 'Bearer wrong'}})).status).toBe(401)
    expect((await fetch(artifact)).status).toBe(400) // no Authorization header
  })
})
