import {cp, mkdtemp, readFile, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {afterAll, describe, expect, it} from 'vitest'
import {createLoadCache, loadEdition} from '../src/index.js'

const base = fileURLToPath(new URL('fixtures/_base', import.meta.url))
const root = await mkdtemp(join(tmpdir(), 'mltop10-load-cache-'))
const dir = join(root, 'editions', '2023')
await cp(base, dir, {recursive: true})
afterAll(() => rm(root, {recursive: true, force: true}))

const documents = async (cache: ReturnType<typeof createLoadCache>) => {
  const result = await loadEdition(dir, {cache})
  return {result, byName: new Map(result.edition?.documents.map((document) => [document.name, document]))}
}

describe('loadEdition with a cache', () => {
  it('reuses the documents of unchanged files and loads a changed file again', async () => {
    const cache = createLoadCache()
    const first = await documents(cache)
    const about = join(dir, 'about.md')
    await writeFile(about, (await readFile(about, 'utf8')).replace('title: About', 'title: About us'))
    const second = await documents(cache)
    expect(second.byName.get('about')?.title).toBe('About us')
    expect(second.byName.get('about')).not.toBe(first.byName.get('about'))
    expect(second.byName.get('introduction')).toBe(first.byName.get('introduction'))
    expect(second.byName.get('glossary')).toBe(first.byName.get('glossary'))
  })

  it('reports the problems of a reused file once, as a load without the cache does', async () => {
    const cache = createLoadCache()
    const introduction = join(dir, 'introduction.md')
    await writeFile(introduction, (await readFile(introduction, 'utf8')).replace('#how-to-prevent', '#no-such-section'))
    const uncached = await loadEdition(dir)
    await documents(cache)
    const {result} = await documents(cache)
    const messages = (files: typeof result.files) => files.flatMap((file) => file.messages.map((message) => `${file.path}:${message.line}:${message.column} ${message.reason}`))
    expect(result.errorCount).toBe(uncached.errorCount)
    expect(result.errorCount).toBeGreaterThan(0)
    expect(messages(result.files)).toEqual(messages(uncached.files))
  })
})
