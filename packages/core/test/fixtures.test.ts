import {readFile, rm, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {formatReport, loadEdition} from '../src/index.js'
import {fixturesDir, listCases, prepareEdition} from './helpers.js'

const cases = await listCases()
const roots: string[] = []
afterAll(async () => {
  await Promise.all(roots.map((root) => rm(root, {recursive: true, force: true})))
})

describe.each(cases)('bad input %s', (name) => {
  it('reports exactly the expected messages with positions, rule ids and hints', async () => {
    const {root, editionDir} = await prepareEdition(name)
    roots.push(root)
    const result = await loadEdition(editionDir)
    const actual = `${formatReport(result.files, {cwd: root})}\n`
    const expectedPath = join(fixturesDir, name, 'expected.txt')
    if (process.env['UPDATE']) await writeFile(expectedPath, actual)
    const expected = await readFile(expectedPath, 'utf8')
    expect(actual).toBe(expected)
    expect(result.errorCount).toBeGreaterThan(0)
    expect(result.edition).toBeUndefined()
  })
})
