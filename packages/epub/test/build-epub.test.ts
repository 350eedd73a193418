import {describe, expect, it} from 'vitest'
import {createTranslator} from '@mltop10/i18n'
import {buildEpub} from '../src/index.js'
import {sourceEdition} from '@mltop10/core'
import {elements, loadFixtureEdition, localizedAs, parseXml, text, textOf, unzip} from './helpers.js'

const edition = await loadFixtureEdition()
const english = await buildEpub({localized: sourceEdition(edition), translator: createTranslator(), sourceDateEpoch: undefined})
const files = unzip(english.bytes)
const opf = parseXml(text(files, 'EPUB/package.opf'))
const meta = (property: string) => elements(opf, 'meta').filter((element) => element.attributes['property'] === property).map(textOf)
const dc = (name: string) => elements(opf, `dc:${name}`).map(textOf)
const arabic = {code: 'ar', nativeName: 'العربية', direction: 'rtl'} as const

describe('buildEpub', () => {
  it('exposes only buildEpub', async () => {
    expect(Object.keys(await import('../src/index.js')).sort()).toEqual(['buildEpub'])
  })

  it('begins with the mimetype file, stored, with no extra field', () => {
    const bytes = english.bytes
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    expect(view.getUint32(0, true)).toBe(0x04034b50)
    expect(view.getUint16(8, true), 'compression method').toBe(0)
    const nameLength = view.getUint16(26, true)
    expect(view.getUint16(28, true), 'extra field length').toBe(0)
    expect(new TextDecoder().decode(bytes.subarray(30, 30 + nameLength))).toBe('mimetype')
    expect(new TextDecoder().decode(bytes.subarray(30 + nameLength, 30 + nameLength + 20))).toBe('application/epub+zip')
  })

  it('lists every other file after mimetype in sorted order', () => {
    const names = [...files.keys()]
    expect(names[0]).toBe('mimetype')
    expect(names.slice(1)).toEqual([...names.slice(1)].sort())
    expect([...english.files.keys()]).toEqual(names)
  })

  it('points container.xml at the package document', () => {
    const rootfiles = elements(parseXml(text(files, 'META-INF/container.xml')), 'rootfile')
    expect(rootfiles.map((element) => [element.attributes['full-path'], element.attributes['media-type']])).toEqual([['EPUB/package.opf', 'application/oebps-package+xml']])
  })

  it('describes the edition in the package metadata', () => {
    const {manifest} = edition
    expect(dc('language')).toEqual(['en'])
    expect(dc('title')).toEqual([`${manifest.title} ${manifest.edition}`])
    expect(dc('date')).toEqual([manifest.released])
    expect(dc('identifier')[0]).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(meta('dcterms:modified')).toEqual([`${manifest.released}T00:00:00Z`])
    expect(meta('schema:version')).toEqual([manifest.version])
    expect(meta('mltop10:source-hash')[0]).toMatch(/^sha256:[0-9a-f]{64}$/)
    expect(elements(opf, 'package')[0]!.attributes['prefix']).toContain('mltop10: ')
  })

  it('keeps its identifier across builds and gives each language and version its own', async () => {
    const again = unzip((await buildEpub({localized: sourceEdition(edition), translator: createTranslator()})).bytes)
    const identifier = (epub: Map<string, Uint8Array>) => textOf(elements(parseXml(text(epub, 'EPUB/package.opf')), 'dc:identifier')[0]!)
    expect(identifier(again)).toBe(dc('identifier')[0])
    const rtl = unzip((await buildEpub({localized: localizedAs(edition, arabic), translator: createTranslator({locale: 'ar', dir: 'rtl'})})).bytes)
    expect(identifier(rtl)).not.toBe(dc('identifier')[0])
    const next = {...edition, manifest: {...edition.manifest, version: '9.0.0'}}
    const later = unzip((await buildEpub({localized: sourceEdition(next), translator: createTranslator()})).bytes)
    expect(identifier(later)).not.toBe(dc('identifier')[0])
  })

  it('dates the book from SOURCE_DATE_EPOCH, never from the clock', async () => {
    const previous = process.env['SOURCE_DATE_EPOCH']
    process.env['SOURCE_DATE_EPOCH'] = '1700000000'
    try {
      const book = unzip((await buildEpub({localized: sourceEdition(edition), translator: createTranslator()})).bytes)
      const modified = elements(parseXml(text(book, 'EPUB/package.opf')), 'meta').find((element) => element.attributes['property'] === 'dcterms:modified')
      expect(textOf(modified!)).toBe('2023-11-14T22:13:20Z')
    } finally {
      if (previous === undefined) delete process.env['SOURCE_DATE_EPOCH']
      else process.env['SOURCE_DATE_EPOCH'] = previous
    }
  })

  it('reads cover, contents, risk map, matrix and then every document in order', () => {
    const items = new Map(elements(opf, 'item').map((item) => [item.attributes['id'], item.attributes['href']]))
    const spine = elements(opf, 'itemref').map((itemref) => items.get(itemref.attributes['idref']!))
    expect(spine).toEqual(['cover.xhtml', 'nav.xhtml', 'risk-map.xhtml', 'matrix.xhtml', ...edition.documents.map((document) => `${document.name.toLowerCase()}.xhtml`)])
    expect(elements(opf, 'spine')[0]!.attributes['page-progression-direction']).toBeUndefined()
    const properties = new Map(elements(opf, 'item').map((item) => [item.attributes['href'], item.attributes['properties']]))
    expect(properties.get('nav.xhtml')).toBe('nav')
    expect(properties.get('risk-map.xhtml')).toBe('svg')
  })

  it('has a navigation document with the contents of the PDF and landmarks', () => {
    const nav = parseXml(text(files, 'EPUB/nav.xhtml'))
    const navs = elements(nav, 'nav')
    const toc = navs.find((element) => element.attributes['epub:type'] === 'toc')!
    expect(elements(toc, 'a').map((link) => [textOf(link), link.attributes['href']])).toEqual([
      ['Risk map', 'risk-map.xhtml'],
      ['Mappings matrix', 'matrix.xhtml'],
      ...edition.documents.map((document) => [document.kind === 'risk' ? `${document.id} ${document.title}` : document.title, `${document.name.toLowerCase()}.xhtml`])
    ])
    const landmarks = navs.find((element) => element.attributes['epub:type'] === 'landmarks')!
    expect(elements(landmarks, 'a').map((link) => [link.attributes['epub:type'], link.attributes['href']])).toEqual([
      ['cover', 'cover.xhtml'],
      ['toc', 'nav.xhtml#toc'],
      ['bodymatter', `${edition.documents[0]!.name.toLowerCase()}.xhtml`]
    ])
  })

  it('writes every content document as well-formed XHTML in the language of the book', () => {
    const documents = [...files.keys()].filter((name) => name.endsWith('.xhtml'))
    expect(documents.length).toBe(edition.documents.length + 4)
    for (const name of documents) {
      const source = text(files, name)
      expect(source.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>'), name).toBe(true)
      const html = elements(parseXml(source), 'html')[0]!
      expect(html.attributes, name).toMatchObject({xmlns: 'http://www.w3.org/1999/xhtml', lang: 'en', 'xml:lang': 'en', dir: 'ltr'})
    }
    expect(text(files, 'EPUB/risk-map.xhtml')).toContain('<svg xmlns="http://www.w3.org/2000/svg"')
  })

  it('keeps every link between documents inside the book, to an id that exists', () => {
    const ids = new Map<string, Set<string>>()
    const links: [string, string][] = []
    for (const name of [...files.keys()].filter((file) => file.endsWith('.xhtml'))) {
      const tree = parseXml(text(files, name))
      const file = name.slice('EPUB/'.length)
      const own = new Set<string>()
      const walk = (node: typeof tree | ReturnType<typeof elements>[number]) => {
        for (const child of node.children) {
          if (child.type !== 'element') continue
          if (child.attributes['id']) own.add(child.attributes['id'])
          if (child.name === 'a' && child.attributes['href']) links.push([file, child.attributes['href']])
          walk(child)
        }
      }
      walk(tree)
      ids.set(file, own)
    }
    const internal = links.filter(([, href]) => !/^(https?|mailto):/.test(href))
    expect(internal.length).toBeGreaterThan(20)
    for (const [from, href] of internal) {
      const [file, fragment] = href.split('#') as [string, string | undefined]
      const target = file === '' ? from : file
      expect(ids.has(target), `${from}: ${href}`).toBe(true)
      if (fragment !== undefined) expect(ids.get(target)!.has(fragment), `${from}: ${href}`).toBe(true)
    }
  })

  it('embeds the Latin fonts it needs, cut down, and names them in the stylesheet', () => {
    const fonts = [...files.keys()].filter((name) => name.startsWith('EPUB/fonts/'))
    expect(fonts).toContain('EPUB/fonts/noto-sans-latin-400-normal.ttf')
    expect(fonts).toContain('EPUB/fonts/noto-sans-latin-700-normal.ttf')
    expect(fonts.some((name) => name.includes('-jp-') || name.includes('-sc-') || name.includes('arabic'))).toBe(false)
    const css = text(files, 'EPUB/style.css')
    for (const font of fonts) expect(css).toContain(`url(${font.slice('EPUB/'.length)})`)
    const items = elements(opf, 'item').filter((item) => item.attributes['href']!.startsWith('fonts/'))
    expect(items.map((item) => `EPUB/${item.attributes['href']}`).sort()).toEqual(fonts.sort())
    expect(items.every((item) => item.attributes['media-type'] === 'font/ttf')).toBe(true)
    // A whole Latin face is about 20 KB of WOFF2 and more as TrueType; the subset keeps the few glyphs used.
    expect(files.get('EPUB/fonts/noto-sans-latin-400-normal.ttf')!.byteLength).toBeLessThan(40_000)
  })

  it('gives the same bytes on every build, in any time zone', async () => {
    const timeZone = process.env['TZ']
    try {
      process.env['TZ'] = 'Pacific/Kiritimati'
      const far = await buildEpub({localized: sourceEdition(edition), translator: createTranslator()})
      process.env['TZ'] = 'America/Los_Angeles'
      const west = await buildEpub({localized: sourceEdition(edition), translator: createTranslator()})
      expect(Buffer.from(far.bytes).equals(Buffer.from(english.bytes))).toBe(true)
      expect(Buffer.from(west.bytes).equals(Buffer.from(english.bytes))).toBe(true)
    } finally {
      if (timeZone === undefined) delete process.env['TZ']
      else process.env['TZ'] = timeZone
    }
  })
})

describe('buildEpub for a right-to-left language', async () => {
  const localized = localizedAs(edition, arabic, {introduction: 'outdated', glossary: 'translated'})
  const book = unzip((await buildEpub({localized, translator: createTranslator({locale: 'ar', dir: 'rtl'})})).bytes)
  const packageDocument = parseXml(text(book, 'EPUB/package.opf'))

  it('reads right to left and says so on every document', () => {
    expect(elements(packageDocument, 'spine')[0]!.attributes['page-progression-direction']).toBe('rtl')
    expect(elements(packageDocument, 'dc:language').map(textOf)).toEqual(['ar'])
    for (const name of [...book.keys()].filter((file) => file.endsWith('.xhtml'))) {
      expect(elements(parseXml(text(book, name)), 'html')[0]!.attributes, name).toMatchObject({lang: 'ar', dir: 'rtl'})
    }
  })

  it('marks a page shown in English with the fallback notice, and as English', () => {
    const page = parseXml(text(book, 'EPUB/about.xhtml'))
    const notice = elements(page, 'p').find((element) => element.attributes['class'] === 'locale-notice')
    expect(notice && textOf(notice)).toBe(createTranslator().t('locale.fallback', {language: 'العربية'}))
    const english = elements(page, 'div').find((element) => element.attributes['lang'] === 'en')
    expect(english?.attributes).toMatchObject({lang: 'en', 'xml:lang': 'en', dir: 'ltr'})
  })

  it('marks an outdated translation with the outdated notice, and a current one with none', () => {
    const notices = (name: string) => elements(parseXml(text(book, name)), 'p').filter((element) => element.attributes['class'] === 'locale-notice').map(textOf)
    expect(notices('EPUB/introduction.xhtml')).toEqual([createTranslator().t('locale.outdated')])
    expect(notices('EPUB/glossary.xhtml')).toEqual([])
  })
})
