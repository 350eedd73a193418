import {readFile, rm} from 'node:fs/promises'
import {join} from 'node:path'
import type {Element} from 'hast'
import {fromHtml} from 'hast-util-from-html'
import {toString} from 'hast-util-to-string'
import MiniSearch from 'minisearch'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {sourceEdition, type Edition, type LocaleInfo, type LocalizedEdition} from '@mltop10/core'
import {createTranslator, sourceLanguage} from '@mltop10/i18n'
import {buildSite} from '../src/index.js'
import {loadFixtureEdition, readPage, selectAll, temporaryFolder} from './helpers.js'

let outDir: string
const folders: string[] = []

beforeAll(async () => {
  const english = await loadFixtureEdition()
  const ml01 = english.risks[0]!
  const spanish: Edition = {...english, documents: english.documents.map((document) => (document === ml01 ? {...ml01, title: 'Ataque de manipulación de entradas'} : document)), risks: [{...ml01, title: 'Ataque de manipulación de entradas'}, ...english.risks.slice(1)]}
  const localized = (edition: Edition, locale: LocaleInfo, translated: Record<string, 'translated' | 'outdated'>, sourceHashes: Record<string, string> = {}): LocalizedEdition => ({
    edition,
    locale,
    pages: sourceEdition(english).pages.map((page) => ({...page, state: translated[page.name] ?? 'missing', sourceHash: sourceHashes[page.name]}))
  })
  const es: LocaleInfo = {code: 'es', nativeName: 'español', direction: 'ltr'}
  const ar: LocaleInfo = {code: 'ar', nativeName: 'العربية', direction: 'rtl'}
  const ja: LocaleInfo = {code: 'ja', nativeName: '日本語', direction: 'ltr'}
  const root = await temporaryFolder('site-locales')
  folders.push(root)
  outDir = join(root, 'site')
  await buildSite({
    outDir,
    baseUrl: 'https://example.org/',
    languages: [
      sourceLanguage([english]),
      {locale: es, ui: undefined, translator: createTranslator({locale: 'es', resources: {es: {site: {home: 'Inicio'}, locale: {fallback: 'Esta página aún no está traducida al {{language}}.', languages: 'Idiomas', outdated: 'Traducción desactualizada.'}}}}), editions: new Map([['2023', localized(spanish, es, {'ML01-input-manipulation-attack': 'translated', glossary: 'outdated'}, {glossary: 'ab'.repeat(32)})]])},
      {locale: ar, ui: undefined, translator: createTranslator({locale: 'ar', dir: 'rtl', resources: {ar: {glossary: {alphabet: 'ابتثجحخدذرزسشصضطظعغفقكلمنهوي', other: 'أخرى'}}}}), editions: new Map([['2023', localized(english, ar, {})]])},
      {locale: ja, ui: undefined, translator: createTranslator({locale: 'ja'}), editions: new Map([['2023', localized(english, ja, {})]])}
    ]
  })
})
afterAll(() => Promise.all(folders.map((folder) => rm(folder, {recursive: true, force: true}))))

const page = (path: string) => readPage(outDir, path)
const select = selectAll

describe('a site with translated editions', () => {
  it('publishes every locale under its code, with its strings and translated pages', async () => {
    const tree = await page('es/2023/ml01-input-manipulation-attack/index.html')
    expect(select(tree, (node) => node.tagName === 'html')[0]!.properties['lang']).toBe('es')
    expect(toString(select(tree, (node) => node.tagName === 'h1')[0]!)).toBe('ML01:2023 Ataque de manipulación de entradas')
    expect(toString(select(tree, (node) => node.tagName === 'li' && String(node.properties['className']) === 'nav-home')[0]!)).toBe('Inicio')
  })

  it('links the same page in every language, and declares the alternates with x-default', async () => {
    const tree = await page('es/2023/glossary/index.html')
    const switcher = select(tree, (node) => node.tagName === 'nav' && String(node.properties['className']) === 'languages')[0]!
    expect(select({type: 'root', children: [switcher]} as never, (node) => node.tagName === 'a').map((link) => [toString(link), link.properties['href'], link.properties['lang']])).toEqual([
      ['English', '../../../en/2023/glossary/', 'en'],
      ['español', './', 'es'],
      ['العربية', '../../../ar/2023/glossary/', 'ar'],
      ['日本語', '../../../ja/2023/glossary/', 'ja']
    ])
    const alternates = select(tree, (node) => node.tagName === 'link' && String(node.properties['rel']) === 'alternate').map((link) => [link.properties['hrefLang'], link.properties['href']])
    expect(alternates).toEqual([
      ['en', 'https://example.org/en/2023/glossary/'],
      ['es', 'https://example.org/es/2023/glossary/'],
      ['ar', 'https://example.org/ar/2023/glossary/'],
      ['ja', 'https://example.org/ja/2023/glossary/'],
      ['x-default', 'https://example.org/en/2023/glossary/']
    ])
  })

  it('marks an untranslated page: a notice in the locale language, and the English text as lang="en"', async () => {
    const tree = await page('es/2023/about/index.html')
    expect(toString(select(tree, (node) => String(node.properties['className']).includes('fallback-notice'))[0]!)).toBe('Esta página aún no está traducida al español.')
    expect(select(tree, (node) => node.tagName === 'article')[0]!.properties['lang']).toBe('en')
    expect(select(await page('es/2023/ml01-input-manipulation-attack/index.html'), (node) => String(node.properties['className']).includes('locale-notice'))).toEqual([])
  })

  it('records provenance in every page: edition, version, source hash and the English hash it translates', async () => {
    const meta = (tree: Awaited<ReturnType<typeof page>>, name: string) => select(tree, (node) => node.tagName === 'meta' && node.properties['name'] === name)[0]?.properties['content']
    const translated = await page('es/2023/glossary/index.html')
    expect([meta(translated, 'mltop10:edition'), meta(translated, 'mltop10:version')]).toEqual(['2023', '1.0.0'])
    expect(meta(translated, 'mltop10:source-hash')).toMatch(/^[\da-f]{64}$/)
    expect(meta(translated, 'mltop10:english-hash')).toBe('ab'.repeat(32))
    expect(meta(await page('es/2023/about/index.html'), 'mltop10:english-hash')).toBeUndefined()
  })

  it('warns on an outdated translation', async () => {
    const tree = await page('es/2023/glossary/index.html')
    expect(toString(select(tree, (node) => String(node.properties['className']).includes('outdated-notice'))[0]!)).toBe('Traducción desactualizada.')
  })

  it('lays out right-to-left locales right to left, and loads script fonts where needed', async () => {
    const arabic = await page('ar/2023/index.html')
    expect(select(arabic, (node) => node.tagName === 'html')[0]!.properties['dir']).toBe('rtl')
    const stylesheets = (tree: ReturnType<typeof fromHtml>) => select(tree, (node) => node.tagName === 'link' && String(node.properties['rel']) === 'stylesheet').map((link) => link.properties['href'])
    expect(stylesheets(arabic)).toEqual(['../../assets/site.css', '../../assets/fonts-arab.css', '../../assets/language-names.css'])
    expect(stylesheets(await page('ja/2023/index.html'))).toEqual(['../../assets/site.css', '../../assets/fonts-jpan.css', '../../assets/language-names.css'])
    expect(stylesheets(await page('es/2023/index.html'))).toEqual(['../../assets/site.css', '../../assets/language-names.css'])
    const css = await readFile(join(outDir, 'assets/fonts-jpan.css'), 'utf8')
    expect(css).toContain("font-family: 'Noto Sans JP'")
    expect(css).toContain(':root:lang(ja)')
  })

  it('draws the switcher\'s native names with tiny fonts of their glyphs, so no page shows empty boxes for another script', async () => {
    const css = await readFile(join(outDir, 'assets/language-names.css'), 'utf8')
    const faces = [...css.matchAll(/src: url\((fonts\/names-[a-z]+-\d+\.ttf)\)[^;]*; unicode-range: ([^;]+);/g)]
    // Japanese and Arabic (Noto Sans covers español); each face covers only the characters of a name.
    const covered = faces.flatMap(([, , range]) => range!.split(', ').map((code) => String.fromCodePoint(Number.parseInt(code.slice(2), 16)))).sort().join('')
    expect(covered).toBe([...'日本語العربية'].sort().filter((character, index, all) => all.indexOf(character) === index).join(''))
    for (const [, file] of faces) {
      const bytes = await readFile(join(outDir, 'assets', file!))
      expect(bytes.byteLength).toBeLessThan(8 * 1024)
      expect(bytes.readUInt32BE(0)).toBe(0x00010000)
    }
    expect(css).toContain(".languages a { font-family: 'Noto Sans', 'Language names'")
  })

  it('publishes a translation dashboard with the state of every language and page', async () => {
    const tree = await page('en/2023/translations/index.html')
    const rows = select(select(tree, (node) => node.tagName === 'table')[0]!, (node) => node.tagName === 'tr').map((row) => select(row, (cell) => cell.tagName === 'th' || cell.tagName === 'td').map((cell) => toString(cell)))
    expect(rows).toEqual([
      ['Language', 'Translated', 'Outdated', 'In English', 'Interface'],
      ['English', '6', '0', '0', ''],
      ['español', '1', '1', '4', ''],
      ['العربية', '0', '0', '6', ''],
      ['日本語', '0', '0', '6', '']
    ])
    expect(toString(tree)).toContain('Glossaryoutdated')
    expect(select(await page('es/2023/about/index.html'), (node) => node.tagName === 'a' && node.properties['href'] === '../translations/')).toHaveLength(1)
  })

  it('lists every locale in the sitemap with its alternates', async () => {
    const sitemap = await readFile(join(outDir, 'sitemap.xml'), 'utf8')
    expect(sitemap).toContain('<url><loc>https://example.org/ja/2023/about/</loc>\n    <xhtml:link rel="alternate" hreflang="en" href="https://example.org/en/2023/about/"/>')
    expect(sitemap).toContain('hreflang="x-default"')
  })

  it('files glossary terms still in English under their English letters, and shows no letter without terms', async () => {
    const tree = await page('ar/2023/glossary/index.html')
    const index = select(tree, (node) => node.tagName === 'nav' && String(node.properties['className']).includes('az-index'))[0]!
    expect(select(index, (node) => node.tagName === 'a').map((node) => [toString(node), node.properties['href']])).toEqual([
      ['M', '#letter-m'],
      ['P', '#letter-p']
    ])
    expect(toString(index)).not.toContain('أخرى')
  })

  it('indexes each locale for search on its own', async () => {
    const {options, index} = JSON.parse(await readFile(join(outDir, 'es/2023/search-index.json'), 'utf8'))
    const hits = MiniSearch.loadJS(index, options).search('manipulación', {prefix: true})
    expect(hits[0]).toMatchObject({page: 'ML01 Ataque de manipulación de entradas'})
  })
})
