// A second machine reuses the first one's builds through a shared turbo remote cache:
// a copy of this workspace and a clone of it, at different paths and each with an empty local
// cache, build the same commit; the second replays every task from the server and gets the same bytes.
import {appendFileSync, mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {startRemoteCache} from '../lib/remote-cache.mjs'
import {cleanEnv, cloneWorkspace, copyWorkspace, treeDigest, turboRun} from '../lib/workspace.mjs'

const root = fileURLToPath(new URL('../..', import.meta.url))
const token = `test-${process.pid}-${Date.now()}`
const work = mkdtempSync(join(tmpdir(), 'mltop10-remote-cache-'))
let cache: {url: string; stop: () => Promise<void>}
let env: NodeJS.ProcessEnv

type Run = ReturnType<typeof turboRun>
let first: Run
let second: Run

beforeAll(async () => {
  cache = await startRemoteCache({storageDir: join(work, 'server-storage'), token})
  env = cleanEnv({TURBO_API: cache.url, TURBO_TOKEN: token, TURBO_TEAM: 'team_mltop10'})
  copyWorkspace(root, join(work, 'first'))
  first = turboRun(join(work, 'first'), ['build'], env)
  cloneWorkspace(join(work, 'first'), join(work, 'second'))
  second = turboRun(join(work, 'second'), ['build'], env)
}, 600_000)

afterAll(async () => {
  await cache?.stop()
  rmSync(work, {recursive: true, force: true})
})

describe('shared turbo remote cache', () => {
  it('runs every task on the first machine, which has nothing cached', () => {
    expect(first.tasks.length).toBeGreaterThanOrEqual(10)
    expect(first.tasks.filter((task) => task.status !== 'MISS')).toEqual([])
  })

  it('replays every task of the same commit from the server on a second machine', () => {
    expect(second.tasks.map((task) => task.taskId)).toEqual(first.tasks.map((task) => task.taskId))
    expect(second.tasks.filter((task) => task.status !== 'HIT' || task.source !== 'REMOTE')).toEqual([])
  })

  it('gives the second machine byte-identical outputs, and no file the first lacks', () => {
    const a = treeDigest(join(work, 'first'))
    const b = treeDigest(join(work, 'second'))
    expect([...b.keys()]).toEqual([...a.keys()])
    expect([...a].filter(([path, digest]) => b.get(path) !== digest).map(([path]) => path)).toEqual([])
    // The replay restored the built site, the PDFs and the compiled packages.
    for (const path of ['dist/site/en/2023/index.html', 'dist/pdf/2023-en.pdf', 'dist/pdf/2023-ja.pdf', 'packages/cli/dist/mltop10.js']) expect(b.has(path), path).toBe(true)
  })

  it('keys tasks by content: a translated page edit reruns only that locale and the site', () => {
    appendFileSync(join(work, 'second', 'locales/es/editions/2023/introduction.md'), '\nUna frase más para la prueba de caché.\n')
    const third = turboRun(join(work, 'second'), ['build'], env)
    const missed = third.tasks.filter((task) => task.status === 'MISS').map((task) => task.taskId)
    expect(missed.sort()).toEqual(['@mltop10/content#build', '@mltop10/locale-es#pdf'])
  })

  it('keeps the token out of the artifacts and refuses clients without it', async () => {
    for (const [path] of treeDigest(join(work, 'second'))) {
      if (/\.(html|js|json|txt|xml|csv|md)$/.test(path)) expect(readFileSync(join(work, 'second', path), 'utf8').includes(token), path).toBe(false)
    }
    const artifact = `${cache.url}/v8/artifacts/${first.tasks[0]?.hash}?slug=team_mltop10`
    expect((await fetch(artifact, {headers: {Authorization: `Bearer ${token}`}})).status).toBe(200)
    expect((await fetch(artifact, {headers: {Authorization: 'Bearer wrong'}})).status).toBe(401)
    expect((await fetch(artifact)).status).toBe(400) // no Authorization header
  })
})
