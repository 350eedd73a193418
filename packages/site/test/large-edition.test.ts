// A very large edition: the navigation of each page stays bounded (first documents, the
// current one, a link to the list of all pages), so page size and build time grow linearly.
import {cp, readFile, rm, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {toString} from 'hast-util-to-string'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {loadEdition} from '@mltop10/core'
import {buildSite} from '../src/index.js'
import {navigationLimit} from '../src/render/layout.js'
import {fixtureEdition, readPage, selectAll, temporaryFolder} from './helpers.js'
import {sourceLanguage} from '@mltop10/i18n'

const extra = 60
let outDir: string
let root: string
let documents: number

beforeAll(async () => {
  root = await temporaryFolder('site-large')
  await cp(fixtureEdition, join(root, '2023'), {recursive: true})
  const names = Array.from({length: extra}, (_, index) => `note-${String(index + 1).padStart(2, '0')}`)
  for (const name of names) await writeFile(join(root, '2023', `${name}.md`), `---\ntitle: Note ${name.slice(5)}\ndescription: One of many pages.\n---\n\nA page of a large edition.\n`)
  const manifest = join(root, '2023', 'edition.yaml')
  await writeFile(manifest, `${await readFile(manifest, 'utf8')}${names.map((name) => `  - ${name}\n`).join('')}`)
  const {edition} = await loadEdition(join(root, '2023'))
  if (!edition) throw new Error('fixture edition is invalid')
  documents = edition.documents.length
  outDir = join(root, 'site')
  await buildSite({languages: [sourceLanguage([edition])], outDir, baseUrl: 'https://example.org/'})
})
afterAll(() => rm(root, {recursive: true, force: true}))

describe('a very large edition', () => {
  it('lists at most the limit of documents in the navigation, then a link to all pages', async () => {
    const page = await readPage(outDir, 'en/2023/about/index.html')
    const nav = selectAll(page, (node) => node.tagName === 'nav' && String(node.properties['id']) === 'site-nav')[0]!
    const items = selectAll(nav, (node) => node.tagName === 'li')
    // Home, the first documents, and "All pages".
    expect(items).toHaveLength(1 + navigationLimit - 1 + 1)
    const last = selectAll(items.at(-1)!, (node) => node.tagName === 'a')[0]!
    expect(toString(last)).toBe(`All pages (${documents})`)
    expect(last.properties['href']).toBe('../contents/')
  })

  it('keeps the current page in the navigation when it is beyond the limit', async () => {
    const page = await readPage(outDir, 'en/2023/note-60/index.html')
    const current = selectAll(page, (node) => node.tagName === 'a' && node.properties['ariaCurrent'] === 'page')
    expect(current.map((node) => toString(node))).toEqual(['Note 60'])
  })

  it('publishes the list of every page, linked and in order', async () => {
    const page = await readPage(outDir, 'en/2023/contents/index.html')
    expect(toString(selectAll(page, (node) => node.tagName === 'h1')[0]!)).toBe('All pages')
    const list = selectAll(page, (node) => node.tagName === 'ol' && String(node.properties['className']).includes('contents-list'))[0]!
    const links = selectAll(list, (node) => node.tagName === 'a')
    expect(links).toHaveLength(documents)
    expect(links.at(-1)!.properties['href']).toBe('../note-60/')
  })

  it('keeps each page small: pages of the large edition are not larger than with a small one', async () => {
    const large = (await readFile(join(outDir, 'en/2023/note-01/index.html'))).byteLength
    const other = (await readFile(join(outDir, 'en/2023/note-60/index.html'))).byteLength
    expect(Math.abs(large - other)).toBeLessThan(200)
  })
})
