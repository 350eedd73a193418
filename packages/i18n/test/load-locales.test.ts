import {mkdir, mkdtemp, readFile, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
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

/** A valid Spanish locale translating one risk and one page, with English text for the UI strings. */
async function makeLocales(change?: (locales: string) => Promise<unknown>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'mltop10-locales-'))
  roots.push(root)
  const es = join(root, 'es')
  await mkdir(join(es, 'editions', '2023'), {recursive: true})
  await writeFile(join(es, 'locale.yaml'), 'code: es\nname: Spanish\nnativeName: español\ndir: ltr\nfallback: []\n')
  await writeFile(join(es, 'ui.json'), `${JSON.stringify(englishStrings(), null, 2)}\n`)
  const ml01 = english.risks[0]!
  const source = await readFile(ml01.path, 'utf8')
  const body = source.slice(source.indexOf('## Description'))
  await writeFile(join(es, 'editions', '2023', 'ML01-input-manipulation-attack.md'), `---\nsource: ${ml01.hash}\nid: ML01\ntitle: Ataque de manipulación de entradas\nsummary: Entradas manipuladas.\nkeyControls:\n  - Probar cada versión contra ataques adaptativos.\n  - Validar las entradas.\n  - Limitar el detalle de las salidas.\n---\n\n${body.replace('## Description', '## Descripción')}`)
  await writeFile(join(es, 'editions', '2023', 'about.md'), `---\nsource: ${'ab'.repeat(32)}\ntitle: Acerca de\ndescription: Quiénes somos.\n---\n\nVea [la introducción](introduction.md#how-to-read-a-risk).\n`)
  await change?.(root)
  return root
}

describe('loadLocales on a valid locale', () => {
  it('localizes the edition page by page and reports each page state', async () => {
    const root = await makeLocales()
    const {locales, errorCount, files} = await loadLocales(root, [english])
    expect(formatReport(files, {cwd: root})).toBe('')
    expect(errorCount).toBe(0)
    const [es] = locales
    const localized = es!.editions.get('2023')!
    expect(localized.pages.map((page) => [page.name, page.state])).toEqual([
      ['introduction', 'missing'],
      ['ML01-input-manipulation-attack', 'translated'],
      ['ML02-data-poisoning-attack', 'missing'],
      ['glossary', 'missing'],
      ['about', 'outdated'],
      ['related-resources', 'missing']
    ])
    const ml01 = localized.edition.risks[0]!
    expect([ml01.title, ml01.scores, ml01.slug, ml01.sections.description.id]).toEqual(['Ataque de manipulación de entradas', english.risks[0]!.scores, 'input-manipulation-attack', 'description'])
    expect(localized.edition.risks[1]).toBe(english.risks[1])
    expect(es!.ui).toMatchObject({translated: es!.ui.total, missing: []})
  })
})

describe.each([
  {
    name: 'invalid JSON in the UI strings',
    change: (root: string) => writeFile(join(root, 'es', 'ui.json'), '{\n  "site": {\n    "home": "Inicio",\n  }\n}\n'),
    expected: ['es/ui.json:4:3  error  Invalid JSON: Expected double-quoted property name  ui-json-syntax']
  },
  {
    name: 'a dropped placeholder and a missing key',
    change: async (root: string) => {
      const strings = structuredClone(englishStrings()) as {site: Record<string, unknown>}
      strings.site['editionLine'] = 'Edición {{edition}}, versión {{version}}'
      delete strings.site['home']
      await writeFile(join(root, 'es', 'ui.json'), JSON.stringify(strings, null, 2))
    },
    expected: ['es/ui.json:2:11  warning  Missing UI string `site.home`  ui-missing-key', 'es/ui.json:11:20  error  UI string `site.editionLine` drops `{{date}}`  ui-placeholder'],
    errors: 1
  },
  {
    name: 'a translated page missing a section',
    change: async (root: string) => {
      const path = join(root, 'es', 'editions', '2023', 'ML01-input-manipulation-attack.md')
      const text = await readFile(path, 'utf8')
      await writeFile(path, text.replace(/## Risk Factors\n\n[^\n]*\n\n/, ''))
    },
    expected: ['es/editions/2023/ML01-input-manipulation-attack.md:51:1  error  Translated page has 6 sections; the English page has 7  translation-structure']
  },
  {
    name: 'a translated page claiming another id',
    change: async (root: string) => {
      const path = join(root, 'es', 'editions', '2023', 'ML01-input-manipulation-attack.md')
      await writeFile(path, (await readFile(path, 'utf8')).replace('id: ML01', 'id: ML11'))
    },
    expected: ['es/editions/2023/ML01-input-manipulation-attack.md:3:5  error  Translated page claims id `ML11`, but `ML01-input-manipulation-attack.md` in English is `ML01`  translation-id']
  },
  {
    name: 'a translated page that the English edition does not have',
    change: (root: string) => writeFile(join(root, 'es', 'editions', '2023', 'ML11-new-risk.md'), '---\nsource: x\n---\n'),
    expected: ['es/editions/2023/ML11-new-risk.md:1:1  error  `ML11-new-risk.md` is not a page of the English 2023 edition  translation-unknown-page']
  },
  {
    name: 'a locale without UI strings',
    change: (root: string) => rm(join(root, 'es', 'ui.json')),
    expected: ['es/ui.json:1:1  error  The locale has no UI strings file  ui-missing-file']
  },
  {
    name: 'a looping fallback chain',
    change: async (root: string) => {
      await writeFile(join(root, 'es', 'locale.yaml'), 'code: es\nname: Spanish\nnativeName: español\ndir: ltr\nfallback: [pt]\n')
      await mkdir(join(root, 'pt'))
      await writeFile(join(root, 'pt', 'locale.yaml'), 'code: pt\nname: Portuguese\nnativeName: português\ndir: ltr\nfallback: [es]\n')
      await writeFile(join(root, 'pt', 'ui.json'), JSON.stringify(englishStrings()))
    },
    expected: ['es/locale.yaml:5:11  error  Fallback chain loops: es -> pt -> es  locale-fallback-loop', 'pt/locale.yaml:5:11  error  Fallback chain loops: pt -> es -> pt  locale-fallback-loop']
  },
  {
    name: 'an unsafe locale code',
    change: (root: string) => writeFile(join(root, 'es', 'locale.yaml'), 'code: ../x\nname: Spanish\nnativeName: español\ndir: ltr\n'),
    expected: ['es/locale.yaml:1:7  error  Locale code `../x` is not a BCP 47 code  locale-code']
  },
  {
    name: 'a locale code in the wrong form',
    change: (root: string) => writeFile(join(root, 'es', 'locale.yaml'), 'code: EN_us\nname: English\nnativeName: English\ndir: ltr\n'),
    expected: ['es/locale.yaml:1:7  error  Locale code `EN_us` is not a BCP 47 code  locale-code']
  },
  {
    name: 'an unknown language',
    change: (root: string) => writeFile(join(root, 'es', 'locale.yaml'), 'code: qq\nname: Unknown\nnativeName: Unknown\ndir: ltr\n'),
    expected: ['es/locale.yaml:1:7  error  Locale code `qq` names no known language  locale-code']
  },
  {
    name: 'a native name that contradicts the code',
    change: async (root: string) => {
      await mkdir(join(root, 'zh-Hant'))
      await writeFile(join(root, 'zh-Hant', 'locale.yaml'), 'code: zh-Hant\nname: Traditional Chinese\nnativeName: 简体中文\ndir: ltr\n')
      const strings = structuredClone(englishStrings()) as {search: Record<string, unknown>}
      delete strings.search['results_one']
      await writeFile(join(root, 'zh-Hant', 'ui.json'), JSON.stringify(strings))
    },
    expected: ['zh-Hant/locale.yaml:3:13  error  Native name `简体中文` does not match the code `zh-Hant`  locale-native-name']
  }
] as {name: string; change: (root: string) => Promise<unknown>; expected: string[]; errors?: number}[])('loadLocales on $name', ({change, expected, errors}) => {
  it('reports exactly the expected problems, with positions', async () => {
    const root = await makeLocales(change)
    const {files, errorCount} = await loadLocales(root, [english])
    const lines = formatReport(files, {cwd: root, hints: false}).split('\n').filter(Boolean)
    expect(lines).toEqual(expected)
    expect(errorCount).toBe(errors ?? expected.length)
  })
})

describe('loadLocales on a translation the English page has moved past', () => {
  /** The Spanish ML01 with its last scenario left out, recording `source`; about links to that scenario. */
  async function withoutLastScenario(source: string): Promise<{root: string; last: string}> {
    const ml01 = english.risks[0]!
    const last = ml01.scenarios.at(-1)!.id
    const root = await makeLocales(async (locales) => {
      const path = join(locales, 'es', 'editions', '2023', 'ML01-input-manipulation-attack.md')
      const text = (await readFile(path, 'utf8')).replace(/^source: .*$/m, `source: ${source}`)
      const checklist = text.indexOf('## Checklist')
      await writeFile(path, text.slice(0, text.lastIndexOf('\n### ', checklist)) + '\n\n' + text.slice(checklist))
      await writeFile(join(locales, 'es', 'editions', '2023', 'about.md'), `---\nsource: ${'ab'.repeat(32)}\ntitle: Acerca de\ndescription: Quiénes somos.\n---\n\nVea [el último escenario](ML01-input-manipulation-attack.md#${last}).\n`)
    })
    return {root, last}
  }

  it('publishes an outdated translation as it is: its differences from English are information, its links to missing anchors open the page', async () => {
    const {root, last} = await withoutLastScenario('cd'.repeat(32))
    const {locales, errorCount, files} = await loadLocales(root, [english])
    expect(errorCount).toBe(0)
    const report = formatReport(files, {cwd: root, hints: false})
    expect(report).toContain(`es/editions/2023/ML01-input-manipulation-attack.md`)
    expect(report).toMatch(/ML01-input-manipulation-attack\.md:\d+:\d+ {2}info {2}Translated page has \d+ scenarios?; the English page has \d+ {2}translation-structure/)
    expect(report).toContain(`info  Link \`ML01-input-manipulation-attack.md#${last}\` leads to the top of \`ML01-input-manipulation-attack.md\``)
    const localized = locales[0]!.editions.get('2023')!
    expect(localized.pages.find((page) => page.name === 'ML01-input-manipulation-attack')!.state).toBe('outdated')
    const about = localized.edition.about
    expect(about.links.map((link) => [link.url, link.anchor])).toEqual([['ML01-input-manipulation-attack.md', undefined]])
    expect(JSON.stringify(about.tree)).not.toContain(`#${last}`)
    // The English edition, whose trees the locale shares where untranslated, is untouched.
    expect(localized.edition.risks[0]!.anchors.has(last)).toBe(false)
    expect(english.risks[0]!.anchors.has(last)).toBe(true)
  })

  it('holds a translation that claims to be current to the English structure', async () => {
    const {root} = await withoutLastScenario(english.risks[0]!.hash)
    const {errorCount, files} = await loadLocales(root, [english])
    expect(errorCount).toBeGreaterThan(0)
    expect(formatReport(files, {cwd: root, hints: false})).toMatch(/error {2}Translated page has \d+ scenarios?; the English page has \d+ {2}translation-structure/)
  })
})
