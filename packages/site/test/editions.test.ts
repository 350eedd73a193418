import {cp, readFile, rm, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {toString} from 'hast-util-to-string'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {loadEdition} from '@mltop10/core'
import {buildSite} from '../src/index.js'
import {fixtureEdition, readPage, selectAll, temporaryFolder} from './helpers.js'
import {sourceLanguage} from '@mltop10/i18n'

let outDir: string
const folders: string[] = []

beforeAll(async () => {
  const root = await temporaryFolder('site-editions')
  folders.push(root)
  await cp(fixtureEdition, join(root, '2023'), {recursive: true})
  await cp(fixtureEdition, join(root, '2025'), {recursive: true})
  const manifest = join(root, '2025', 'edition.yaml')
  await writeFile(manifest, (await readFile(manifest, 'utf8')).replace('edition: "2023"', 'edition: "2025"').replace('version: 1.0.0', 'version: 2.0.0').replace('released: 2024-01-31', 'released: 2025-06-01'))
  // A page only the older edition has.
  await writeFile(join(root, '2023', 'legacy.md'), '---\ntitle: Legacy\ndescription: Only in 2023.\n---\n\nOld notes.\n')
  const older = join(root, '2023', 'edition.yaml')
  await writeFile(older, `${await readFile(older, 'utf8')}  - legacy\n`)
  const first = (await loadEdition(join(root, '2023'))).edition
  const second = (await loadEdition(join(root, '2025'))).edition
  if (!first || !second) throw new Error('fixture editions are invalid')
  outDir = join(root, 'site')
  await buildSite({languages: [sourceLanguage([first, second])], outDir, baseUrl: 'https://example.org/'})
})
afterAll(() => Promise.all(folders.map((folder) => rm(folder, {recursive: true, force: true}))))

describe('two editions side by side', () => {
  it('publishes each edition under its own path', async () => {
    expect(toString(selectAll(await readPage(outDir, 'en/2023/ml01-input-manipulation-attack/index.html'), (node) => node.tagName === 'h1')[0]!)).toBe('ML01:2023 Input Manipulation Attack')
    expect(toString(selectAll(await readPage(outDir, 'en/2025/ml01-input-manipulation-attack/index.html'), (node) => node.tagName === 'h1')[0]!)).toBe('ML01:2025 Input Manipulation Attack')
  })

  it('points the site root and /en/latest/ at the latest edition', async () => {
    const refresh = async (path: string) => selectAll(await readPage(outDir, path), (node) => node.tagName === 'meta' && String(node.properties['httpEquiv']) === 'refresh')[0]?.properties['content']
    expect(await refresh('index.html')).toBe('0; url=./en/2025/')
    expect(await refresh('en/latest/index.html')).toBe('0; url=../2025/')
  })

  it('switches edition to the same page where it exists, and to the home page where it does not', async () => {
    const switcher = async (path: string) => {
      const item = selectAll(await readPage(outDir, path), (node) => node.tagName === 'li' && String(node.properties['className']) === 'editions')[0]!
      return selectAll(item, (node) => node.tagName === 'a' || node.tagName === 'strong').map((node) => [toString(node), node.properties['href'] ?? 'current'])
    }
    expect(await switcher('en/2023/glossary/index.html')).toEqual([
      ['2023', 'current'],
      ['2025', '../../2025/glossary/']
    ])
    expect(await switcher('en/2023/legacy/index.html')).toEqual([
      ['2023', 'current'],
      ['2025', '../../2025/']
    ])
  })
})
