import {createHash} from 'node:crypto'
import {licenses, type LocalizedEdition} from '@mltop10/core'
import type {Root} from 'xast'
import {x} from 'xastscript'
import {toXml} from 'xast-util-to-xml'

/** Where the package document is, and the container file that points to it. */
export const packageFile = 'EPUB/package.opf'

/** `META-INF/container.xml`: the one rendition of the book. */
export function renderContainer(): string {
  return xml(
    x('container', {version: '1.0', xmlns: 'urn:oasis:names:tc:opendocument:xmlns:container'}, [
      x('rootfiles', [x('rootfile', {'full-path': packageFile, 'media-type': 'application/oebps-package+xml'})])
    ])
  )
}

/** One file of the publication, as the manifest lists it. */
export interface ManifestItem {
  readonly id: string
  /** Path relative to the package document. */
  readonly href: string
  readonly mediaType: string
  /** Manifest properties (`nav`, `svg`). */
  readonly properties?: readonly string[]
  /** Whether it is in the spine, in the order given. */
  readonly spine: boolean
}

/** What the package document describes. */
export interface PackageOptions {
  readonly localized: LocalizedEdition
  /** The book's title in its language. */
  readonly title: string
  readonly description: string
  readonly items: readonly ManifestItem[]
  /** Seconds since 1970, the book's modification time. */
  readonly epoch: number
}

/** Prefix of the book's own metadata properties (`mltop10:source-hash`). */
const ownVocabulary = 'https://owasp.org/www-project-machine-learning-security-top-10/epub#'

/**
 * A stable identifier of the book: a name-based UUID (version 5) over the
 * edition, language and version, so each release of each language has its own
 * and rebuilding keeps it.
 *
 * @param localized The edition in one language.
 */
export function bookIdentifier(localized: LocalizedEdition): string {
  const {manifest} = localized.edition
  const hash = createHash('sha1').update(`mltop10:${manifest.edition}:${localized.locale.code}:${manifest.version}`).digest()
  hash[6] = (hash[6]! & 0x0f) | 0x50
  hash[8] = (hash[8]! & 0x3f) | 0x80
  const hex = hash.subarray(0, 16).toString('hex')
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

/**
 * A hash over the source hashes of every page of the book, in reading order:
 * the same text gives the same hash, and any edit to a page changes it.
 *
 * @param localized The edition in one language.
 */
export function sourceHash(localized: LocalizedEdition): string {
  const hash = createHash('sha256')
  for (const document of localized.edition.documents) hash.update(`${document.name}\t${document.hash}\n`)
  return `sha256:${hash.digest('hex')}`
}

/**
 * The package document: metadata (identifier, title, language, dates, version,
 * source hash, rights), the manifest and the spine, read right to left for a
 * right-to-left language.
 *
 * @param options The edition, title and files.
 */
export function renderPackage(options: PackageOptions): string {
  const {localized} = options
  const {manifest} = localized.edition
  const modified = new Date(options.epoch * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z')
  const meta = (property: string, value: string) => x('meta', {property}, value)
  return xml(
    x('package', {xmlns: 'http://www.idpf.org/2007/opf', version: '3.0', 'unique-identifier': 'book-id', 'xml:lang': localized.locale.code, dir: localized.locale.direction, prefix: `mltop10: ${ownVocabulary}`}, [
      x('metadata', {'xmlns:dc': 'http://purl.org/dc/elements/1.1/'}, [
        x('dc:identifier', {id: 'book-id'}, bookIdentifier(localized)),
        x('dc:title', `${options.title} ${manifest.edition}`),
        x('dc:language', localized.locale.code),
        x('dc:creator', 'OWASP Machine Learning Security Top 10 project'),
        x('dc:publisher', 'OWASP Foundation'),
        x('dc:description', options.description),
        x('dc:date', manifest.released),
        x('dc:rights', licenses[manifest.license] ? `${licenses[manifest.license]!.name} (${licenses[manifest.license]!.url})` : manifest.license),
        meta('dcterms:modified', modified),
        meta('schema:version', manifest.version),
        meta('mltop10:edition', manifest.edition),
        meta('mltop10:status', manifest.status),
        meta('mltop10:source-hash', sourceHash(localized)),
        meta('schema:accessMode', 'textual'),
        meta('schema:accessMode', 'visual'),
        meta('schema:accessModeSufficient', 'textual'),
        meta('schema:accessibilityFeature', 'structuralNavigation'),
        meta('schema:accessibilityFeature', 'tableOfContents'),
        meta('schema:accessibilityFeature', 'longDescription'),
        meta('schema:accessibilityHazard', 'none'),
        meta('schema:accessibilitySummary', 'The risk map is also given as a table with the same data; headings, lists and tables carry the structure.')
      ]),
      x('manifest', options.items.map((item) => x('item', {id: item.id, href: item.href, 'media-type': item.mediaType, ...(item.properties && item.properties.length > 0 ? {properties: item.properties.join(' ')} : {})}))),
      x('spine', localized.locale.direction === 'rtl' ? {'page-progression-direction': 'rtl'} : {}, options.items.filter((item) => item.spine).map((item) => x('itemref', {idref: item.id})))
    ])
  )
}

function xml(element: ReturnType<typeof x>): string {
  const tree: Root = {type: 'root', children: [{type: 'instruction', name: 'xml', value: 'version="1.0" encoding="UTF-8"'}, {type: 'text', value: '\n'}, element]}
  return `${toXml(tree)}\n`
}
