import {existsSync, readdirSync} from 'node:fs'
import {mkdir, mkdtemp, readFile, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {formatReport, type Edition} from '@mltop10/core'
import {englishStrings, loadLocales} from '../src/index.js'
import {loadEnglishFixture} from './helpers.js'

const roots: string[] = []
let english: Edition

beforeAll(async () => {
  english = await loadEnglishFixture(roots)
})
afterAll(() => Promise.all(roots.map((root) => rm(root, {recursive: true, force: true}))))

// Each folder holds a Spanish `terms.yaml`, optionally the Spanish `about.md` (`SOURCE` stands for
// the English hash) and `expected.txt`, the report of `loadLocales`; `UPDATE=1` rewrites it.
const fixtures = fileURLToPath(new URL('fixtures/termbase/', import.meta.url))
const cases = readdirSync(fixtures).sort()

/** A `locales/` folder with a valid Spanish locale, its about page translated and current, and the case's files. */
async function makeLocales(name: string): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'mltop10-termbase-'))
  roots.push(root)
  const es = join(root, 'es')
  await mkdir(join(es, 'editions', '2023'), {recursive: true})
  await writeFile(join(es, 'locale.yaml'), 'code: es\nname: Spanish\nnativeName: español\ndir: ltr\n')
  await writeFile(join(es, 'ui.json'), JSON.stringify(englishStrings()))
  const about = existsSync(join(fixtures, name, 'about.md')) ? await readFile(join(fixtures, name, 'about.md'), 'utf8') : '---\nsource: SOURCE\ntitle: Acerca de\ndescription: Quiénes somos.\n---\n\nVea [la introducción](introduction.md#how-to-read-a-risk).\n'
  await writeFile(join(es, 'editions', '2023', 'about.md'), about.replace('SOURCE', english.about.hash))
  await writeFile(join(es, 'terms.yaml'), await readFile(join(fixtures, name, 'terms.yaml')))
  return root
}

describe.each(cases)('loadLocales with the termbase of %s', (name) => {
  it('reports exactly the expected problems, with positions and hints', async () => {
    const root = await makeLocales(name)
    const {files, errorCount, locales} = await loadLocales(root, [english])
    const report = `${formatReport(files, {cwd: root})}\n`
    const expectedPath = join(fixtures, name, 'expected.txt')
    if (process.env['UPDATE'] || !existsSync(expectedPath)) await writeFile(expectedPath, report)
    expect(report).toBe(await readFile(expectedPath, 'utf8'))
    const errors = report.split('\n').filter((line) => /^\S+:\d+:\d+ {2}error /.test(line)).length
    expect(errorCount).toBe(errors)
    // A termbase with errors is not used: its locale has none, and pages are not checked against it.
    expect(locales[0]!.termbase === undefined).toBe(errors > 0)
  })
})

it('has a fixture for every termbase rule', async () => {
  const reports = await Promise.all(cases.map((name) => readFile(join(fixtures, name, 'expected.txt'), 'utf8')))
  const rules = new Set(reports.join('\n').match(/ (?:termbase-[a-z-]+|yaml-[a-z]+|unknown-field|required-field|invalid-field)$/gm)?.map((rule) => rule.trim()))
  expect([...rules].sort()).toEqual(['invalid-field', 'required-field', 'termbase-allowed-unused', 'termbase-self-forbidden', 'termbase-variant', 'termbase-variant-approved', 'unknown-field', 'yaml-alias', 'yaml-syntax'])
})

it('leaves a locale without terms.yaml alone', async () => {
  const root = await makeLocales('valid-with-warnings')
  await rm(join(root, 'es', 'terms.yaml'))
  const {files, errorCount, locales} = await loadLocales(root, [english])
  expect(formatReport(files, {cwd: root})).toBe('')
  expect(errorCount).toBe(0)
  expect(locales[0]!.termbase).toBeUndefined()
})
