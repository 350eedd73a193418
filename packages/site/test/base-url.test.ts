import {existsSync} from 'node:fs'
import {rm} from 'node:fs/promises'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {exitCodes, MlTop10Error, type Edition} from '@mltop10/core'
import {buildSite} from '../src/index.js'
import {loadFixtureEdition, readTree, temporaryFolder} from './helpers.js'
import {sourceLanguage} from '@mltop10/i18n'

let edition: Edition
let root: string

beforeAll(async () => {
  edition = await loadFixtureEdition()
  root = await temporaryFolder('base-url')
})
afterAll(() => rm(root, {recursive: true, force: true}))

describe('buildSite on a base URL with credentials', () => {
  it.each(['https://user:secret@example.org/top10/', 'https://secret@example.org/', 'http://user:secret@127.0.0.1:8080/', 'HTTPS://user:secret@EXAMPLE.org'])('refuses %s with exit code 2 and a hint, never echoing the secret, and writes nothing', async (baseUrl) => {
    const outDir = join(root, 'site')
    const error = await buildSite({languages: [sourceLanguage([edition])], outDir, baseUrl}).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(MlTop10Error)
    expect((error as MlTop10Error).exitCode).toBe(exitCodes.usage)
    expect((error as MlTop10Error).message).toContain('contains credentials')
    expect((error as MlTop10Error).hint).toContain('without credentials')
    expect(`${(error as MlTop10Error).message} ${(error as MlTop10Error).hint}`).not.toMatch(/secret|user:/)
    expect(existsSync(outDir)).toBe(false)
  })

  it('does not echo what looks like credentials in other refusals either', async () => {
    const error = await buildSite({languages: [sourceLanguage([edition])], outDir: join(root, 'x'), baseUrl: 'ftp://user:secret@example.org/'}).catch((caught: unknown) => caught)
    expect((error as MlTop10Error).message).toBe('Base URL `ftp://***@example.org/` is not http(s)')
  })

  it('writes a plain address into the pages', async () => {
    const outDir = join(root, 'plain')
    await buildSite({languages: [sourceLanguage([edition])], outDir, baseUrl: 'https://example.org/top10'})
    const robots = (await readTree(outDir)).get('robots.txt')!.toString()
    expect(robots).toContain('Sitemap: https://example.org/top10/sitemap.xml')
  })
})
