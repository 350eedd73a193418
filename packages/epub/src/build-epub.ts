import {readFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import {dirname, join} from 'node:path'
import {toString} from 'hast-util-to-string'
import type {LocalizedEdition} from '@mltop10/core'
import type {Translator} from '@mltop10/i18n'
import {renderBookParts} from './book.js'
import {printFontStack, riskMapCss} from '@mltop10/render'
import {embedFonts} from './fonts.js'
import {navFile, renderNavigation} from './navigation.js'
import {packageFile, renderContainer, renderPackage, type ManifestItem} from './package-document.js'
import {hasSvg, toXhtml, type XhtmlDocument} from './xhtml.js'
import {zipEpub} from './zip.js'

// Found by package name rather than relative to this file, so it also works from a bundle of the command line.
const packageRoot = dirname(createRequire(import.meta.url).resolve('@mltop10/epub/package.json'))
let css: string | undefined

/** Options of `buildEpub`. */
export interface BuildEpubOptions {
  /** The edition in one language, with the state of every page. */
  readonly localized: LocalizedEdition
  /** UI strings of that language. */
  readonly translator: Translator
  /**
   * Seconds since 1970 the book is dated with (`dcterms:modified` and every zip
   * entry). Default: `SOURCE_DATE_EPOCH` when set, else the edition's release date;
   * never the time of the build, so the same content gives the same bytes.
   */
  readonly sourceDateEpoch?: number | undefined
}

/** An EPUB built. */
export interface EpubBook {
  /** The `.epub` file's bytes. */
  readonly bytes: Uint8Array
  /** Every file inside it, by path, `mimetype` first (for tests and inspection). */
  readonly files: ReadonlyMap<string, string | Uint8Array>
}

/** Where the publication's files are inside the container. */
const publication = 'EPUB'

/**
 * Builds the EPUB 3 of an edition in one language from the same model as the
 * site and the PDF: cover, contents (the navigation document, with landmarks),
 * risk map with its table, mappings matrix and every document in reading order as
 * XHTML, a stylesheet with the fonts of the script cut down to the characters the
 * book uses, and the package document (identifier, language, version, release
 * date, source hash, fixed modification date; right to left for a right-to-left
 * language). The bytes depend only on the input.
 *
 * @param options Edition, translator and date.
 */
export async function buildEpub(options: BuildEpubOptions): Promise<EpubBook> {
  const {localized, translator} = options
  const {manifest} = localized.edition
  const epoch = options.sourceDateEpoch ?? epochFromEnvironment() ?? Date.parse(`${manifest.released}T00:00:00Z`) / 1000
  const parts = renderBookParts(localized, translator)
  const nav = renderNavigation(parts, translator)
  const documents: {readonly id: string; readonly file: string; readonly document: XhtmlDocument; readonly nav: boolean}[] = [
    {id: parts[0]!.id, file: parts[0]!.file, document: parts[0]!.document, nav: false},
    {id: 'nav', file: navFile, document: nav, nav: true},
    ...parts.slice(1).map((part) => ({id: part.id, file: part.file, document: part.document, nav: false}))
  ]
  const text = documents.map(({document}) => `${document.title}${document.body.map((node) => toString(node)).join('')}`).join('')
  const fonts = await embedFonts(text, translator.locale)
  const stylesheet = `${fonts.css}\nhtml { font-family: ${printFontStack(translator.locale)}, sans-serif; }\n${riskMapCss()}\n${bookCss()}`

  const files = new Map<string, string | Uint8Array>()
  files.set('META-INF/container.xml', renderContainer())
  const items: ManifestItem[] = []
  for (const {id, file, document, nav: isNav} of documents) {
    files.set(`${publication}/${file}`, toXhtml(document, 'style.css'))
    items.push({id, href: file, mediaType: 'application/xhtml+xml', properties: [...(isNav ? ['nav'] : []), ...(hasSvg(document.body) ? ['svg'] : [])], spine: true})
  }
  files.set(`${publication}/style.css`, stylesheet)
  items.push({id: 'style', href: 'style.css', mediaType: 'text/css', spine: false})
  for (const [index, font] of fonts.files.entries()) {
    files.set(`${publication}/${font.file}`, font.bytes)
    items.push({id: `font-${index + 1}`, href: font.file, mediaType: 'font/ttf', spine: false})
  }
  files.set(packageFile, renderPackage({localized, title: manifest.title, description: translator.t('pdf.subject', {edition: manifest.edition}), items, epoch}))
  const bytes = zipEpub(files, epoch)
  return {bytes, files: new Map([['mimetype', 'application/epub+zip'], ...[...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))])}
}

function epochFromEnvironment(): number | undefined {
  const value = process.env['SOURCE_DATE_EPOCH']
  return value && /^\d+$/.test(value) ? Number(value) : undefined
}

/** The book's own stylesheet. */
function bookCss(): string {
  css ??= readFileSync(join(packageRoot, 'assets', 'epub.css'), 'utf8')
  return css
}
