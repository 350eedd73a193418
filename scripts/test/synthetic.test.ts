// The scaling benchmark's synthetic editions are valid editions of the expected size, so the
// figures measure real builds and not an early validation error.
import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {afterAll, describe, expect, it} from 'vitest'
import {loadEdition} from '@mltop10/core'
import {writeScaledContent} from '../lib/synthetic.mjs'

const contentDir = fileURLToPath(new URL('../../content', import.meta.url))
const work = mkdtempSync(join(tmpdir(), 'mltop10-synthetic-'))
afterAll(() => rmSync(work, {recursive: true, force: true}))

describe('synthetic editions', () => {
  it('keeps the real edition at 1x', async () => {
    const {documents} = writeScaledContent(contentDir, join(work, 'x1'), 1)
    const real = await loadEdition(join(contentDir, 'editions/2023'))
    expect(documents).toBe(real.edition?.documents.length)
  })

  it('adds copies of every page but the glossary, and the result validates', async () => {
    const {documents} = writeScaledContent(contentDir, join(work, 'x3'), 3)
    const {edition, errorCount} = await loadEdition(join(work, 'x3/editions/2023'))
    expect(errorCount).toBe(0)
    expect(edition?.documents).toHaveLength(documents)
    expect(documents).toBe(16 + 2 * 15)
    expect(edition?.documents.filter((document) => document.name.includes('glossary')).map((document) => document.name)).toEqual(['glossary'])
    expect(edition?.documents.filter((document) => document.name.startsWith('copy-002-'))).toHaveLength(15)
  })
})
