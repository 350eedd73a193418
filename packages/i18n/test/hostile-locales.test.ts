import {mkdir, mkdtemp, readFile, rename, rm, symlink, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {formatReport, type Edition} from '@mltop10/core'
import {checkLocaleCode, createTranslator, englishStrings, loadLocales} from '../src/index.js'
import {loadEnglishFixture} from './helpers.js'

const roots: string[] = []
let english: Edition

beforeAll(async () => {
  english = await loadEnglishFixture(roots)
})
afterAll(() => Promise.all(roots.map((root) => rm(root, {recursive: true, force: true}))))

type Strings = {site: Record<string, unknown> & {facts: Record<string, string>}; search: Record<string, string>}

/** A `locales/` folder (inside a temporary root, beside `outside/`) with a valid Spanish locale and one translated page. */
async function makeLocales(change: (locales: string, outside: string) => Promise<unknown>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'mltop10-hostile-locales-'))
  roots.push(root)
  const locales = join(root, 'locales')
  const es = join(locales, 'es')
  await mkdir(join(es, 'editions', '2023'), {recursive: true})
  await mkdir(join(root, 'outside'))
  await writeFile(join(es, 'locale.yaml'), 'code: es\nname: Spanish\nnativeName: español\ndir: ltr\nfallback: []\n')
  await writeFile(join(es, 'ui.json'), `${JSON.stringify(englishStrings(), null, 2)}\n`)
  await writeFile(join(es, 'editions', '2023', 'about.md'), `---\nsource: ${english.about.hash}\ntitle: Acerca de\ndescription: Quiénes somos.\n---\n\nVea [la introducción](introduction.md#how-to-read-a-risk).\n`)
  await change(locales, join(root, 'outside'))
  return locales
}

/** Rewrites the Spanish UI strings. */
async function editStrings(locales: string, edit: (strings: Strings) => void): Promise<void> {
  const strings = structuredClone(englishStrings()) as unknown as Strings
  edit(strings)
  await writeFile(join(locales, 'es', 'ui.json'), `${JSON.stringify(strings, null, 2)}\n`)
}

/** Line of a key in the Spanish `ui.json` these tests write (English strings, two-space indent), inside `parent` when given. */
function lineOf(key: string, parent?: string): number {
  const lines = JSON.stringify(englishStrings(), null, 2).split('\n')
  const start = parent === undefined ? 0 : lines.findIndex((line) => line.trim().startsWith(`"${parent}": {`))
  return lines.findIndex((line, index) => index > start && line.trim().startsWith(`"${key}":`)) + 1
}

describe.each([
  {
    name: 'a string that nests another with forged values',
    change: (locales: string) => editStrings(locales, (strings) => (strings.site.facts['edition'] = 'Edición $t(site.facts.version, {"version":"9.9.9-forged"})')),
    expected: [`es/ui.json:${lineOf('edition', 'facts')}:7  error  UI string \`site.facts.edition\` contains \`$t(site.facts.version, {"version":"9.9.9-forged"})\`: translations are text, not i18next code  ui-nesting`]
  },
  {
    name: 'strings nesting each other (a billion laughs)',
    change: (locales: string) =>
      editStrings(locales, (strings) => {
        strings.site['home'] = '$t(site.menu)'.repeat(10)
        strings.site['menu'] = '$t(site.home, {"count": 1})'
      }),
    expected: ['es/ui.json:6:5  error  UI string `site.home` contains `$t(site.menu)`: translations are text, not i18next code  ui-nesting', 'es/ui.json:19:5  error  UI string `site.menu` contains `$t(site.home, {"count": 1})`: translations are text, not i18next code  ui-nesting']
  },
  {
    name: 'placeholders with formats or unescaping',
    change: (locales: string) =>
      editStrings(locales, (strings) => {
        strings.site.facts['version'] = 'Versión {{version, uppercase}}'
        strings.search['noResults'] = 'Sin resultados para “{{- query}}”.'
      }),
    expected: [
      `es/ui.json:${lineOf('version', 'facts')}:7  error  UI string \`site.facts.version\` contains \`{{version, uppercase}}\`: translations are text, not i18next code  ui-placeholder`,
      `es/ui.json:${lineOf('noResults', 'search')}:5  error  UI string \`search.noResults\` contains \`{{- query}}\`: translations are text, not i18next code  ui-placeholder`
    ]
  },
  {
    name: 'bidirectional controls in the UI strings',
    change: (locales: string) => editStrings(locales, (strings) => (strings.site['home'] = 'In\u202Eicio')),
    expected: ['es/ui.json:6:16  error  Bidirectional control character U+202E (RIGHT-TO-LEFT OVERRIDE) changes how the text is displayed  bidi-control']
  },
  {
    name: 'a locale for English, the source language',
    change: async (locales: string) => {
      await mkdir(join(locales, 'en', 'editions', '2023'), {recursive: true})
      await writeFile(join(locales, 'en', 'locale.yaml'), 'code: en\nname: English\nnativeName: English\ndir: ltr\n')
      await writeFile(join(locales, 'en', 'ui.json'), JSON.stringify(englishStrings()))
    },
    expected: ['en/locale.yaml:1:7  error  Locale code `en` is English, the language of the source text  locale-code']
  },
  {
    name: 'a YAML alias bomb in a locale manifest',
    change: (locales: string) => writeFile(join(locales, 'es', 'locale.yaml'), `code: es\nname: Spanish\nnativeName: español\ndir: ltr\na: &a [x, x, x, x, x, x, x, x, x]\n${'bcdefghi'.split('').map((name, index) => `${name}: &${name} [${Array(9).fill(`*${'abcdefghi'[index]}`).join(', ')}]`).join('\n')}\n`),
    expected: ['es/locale.yaml:6:8  error  YAML aliases expand to too much data  yaml-alias']
  },
  {
    name: 'a translated page that links outside the locales folder',
    change: async (locales: string, outside: string) => {
      await rename(join(locales, 'es', 'editions', '2023', 'about.md'), join(outside, 'about.md'))
      await symlink(join(outside, 'about.md'), join(locales, 'es', 'editions', '2023', 'about.md'))
    },
    expected: ['es/editions/2023/about.md:1:1  error  Symbolic link leads outside the folder it is in  symlink-outside']
  },
  {
    // A locale folder that is itself a link is not listed as a locale at all (loadLocales lists real folders only).
    name: 'UI strings and a locale folder that link outside the locales folder',
    change: async (locales: string, outside: string) => {
      await rename(join(locales, 'es', 'ui.json'), join(outside, 'ui.json'))
      await symlink(join(outside, 'ui.json'), join(locales, 'es', 'ui.json'))
      await mkdir(join(outside, 'pt'))
      await writeFile(join(outside, 'pt', 'locale.yaml'), 'code: pt\nname: Portuguese\nnativeName: português\ndir: ltr\n')
      await symlink(join(outside, 'pt'), join(locales, 'pt'))
    },
    expected: ['es/ui.json:1:1  error  Symbolic link leads outside the folder it is in  symlink-outside'],
    locales: ['es']
  }
] as {name: string; change: (locales: string, outside: string) => Promise<unknown>; expected: string[]; locales?: string[]}[])('loadLocales on $name', ({change, expected, locales: loadedCodes}) => {
  it('reports exactly the expected errors, with file, line and column', async () => {
    const locales = await makeLocales(change)
    const result = await loadLocales(locales, [english])
    expect(formatReport(result.files, {cwd: locales, hints: false}).split('\n').filter(Boolean)).toEqual(expected)
    expect(result.errorCount).toBe(expected.length)
    if (loadedCodes) expect(result.locales.map((locale) => locale.manifest.code)).toEqual(loadedCodes)
  })
})

describe('checkLocaleCode and English', () => {
  it.each(['en', 'en-US', 'en-Latn', 'en-Latn-US'])('refuses %s: it is the source language itself', (code) => {
    expect(checkLocaleCode(code)?.reason).toBe(`Locale code \`${code}\` is English, the language of the source text`)
  })

  it.each(['en-GB', 'en-IN', 'es', 'pt-BR'])('accepts %s', (code) => {
    expect(checkLocaleCode(code)).toBeUndefined()
  })
})

describe('createTranslator on strings that try to run i18next code', () => {
  it('shows `$t(...)` as text: no forged values, no recursion, no exponential growth', () => {
    const strings = {site: {facts: {version: 'Versión {{version}}', edition: 'Edición $t(site.facts.version, {"version":"9.9.9-forged"})'}, home: '$t(site.home, {"count": 1})', menu: '$t(site.home)$t(site.home)'}}
    const es = createTranslator({locale: 'es', resources: {es: strings}})
    expect(es.t('site.facts.edition', {edition: '2023'})).toBe('Edición $t(site.facts.version, {"version":"9.9.9-forged"})')
    expect(es.t('site.home')).toBe('$t(site.home, {"count": 1})')
    expect(es.t('site.menu')).toBe('$t(site.home)$t(site.home)')
    expect(es.t('site.facts.version', {version: '1.0.0'})).toBe('Versión 1.0.0')
  })

  it('does not evaluate `$t(...)` that arrives in a value', () => {
    const en = createTranslator()
    expect(en.t('site.reportTitle', {page: '$t(site.facts.version, {"version":"9.9.9"})', edition: '2023'})).toBe('Problem with “$t(site.facts.version, {"version":"9.9.9"})” (2023 edition)')
  })
})

it('keeps the Spanish page read from a file inside the locales folder', async () => {
  const locales = await makeLocales(async () => undefined)
  const {locales: loaded, errorCount} = await loadLocales(locales, [english])
  expect(errorCount).toBe(0)
  expect(loaded[0]!.editions.get('2023')!.pages.find((page) => page.name === 'about')?.state).toBe('translated')
  expect(await readFile(join(locales, 'es', 'editions', '2023', 'about.md'), 'utf8')).toContain('Acerca de')
})
