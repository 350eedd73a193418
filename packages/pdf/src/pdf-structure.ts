import {createHash} from 'node:crypto'
import {exitCodes, MlTop10Error, type Edition} from '@mltop10/core'
import type {Translator} from '@mltop10/i18n'

/**
 * Small readers and writers for the PDFs Chrome (Skia) produces: plain
 * dictionaries and a classic cross-reference table. Enough to find the page of
 * each named destination and to update the document information in an
 * incremental update, in a few milliseconds instead of re-writing the file.
 */

interface PdfObjects {
  readonly text: string
  /** Dictionary source of each object by number (up to `stream` or `endobj`). */
  readonly objects: ReadonlyMap<number, string>
}

function unexpected(what: string): MlTop10Error {
  return new MlTop10Error(`Unexpected PDF structure from Chrome: ${what}`, 'This Chrome version writes PDFs differently; report it with the Chrome version (chromium --version)', exitCodes.environment)
}

function indexObjects(pdf: Uint8Array): PdfObjects {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1')
  const objects = new Map<number, string>()
  const header = /(\d+) 0 obj\s*/g
  let match: RegExpExecArray | null
  while ((match = header.exec(text))) {
    const start = header.lastIndex
    const endobj = text.indexOf('endobj', start)
    const stream = text.indexOf('stream', start)
    const end = stream !== -1 && stream < endobj ? stream : endobj
    if (end === -1) break
    objects.set(Number(match[1]), text.slice(start, end))
    header.lastIndex = endobj === -1 ? end : endobj
  }
  return {text, objects}
}

function reference(dictionary: string, key: string): number | undefined {
  const match = new RegExp(`/${key}\\s+(\\d+)\\s+0\\s+R`).exec(dictionary)
  return match ? Number(match[1]) : undefined
}

function catalogOf({objects}: PdfObjects): string {
  for (const source of objects.values()) if (/\/Type\s*\/Catalog\b/.test(source)) return source
  throw unexpected('no document catalog')
}

/** Page object numbers in page order, walking the page tree. */
function pageOrder(index: PdfObjects): number[] {
  const root = reference(catalogOf(index), 'Pages')
  if (root === undefined) throw unexpected('no page tree')
  const pages: number[] = []
  const walk = (number: number) => {
    const node = index.objects.get(number) ?? ''
    if (/\/Type\s*\/Pages\b/.test(node)) {
      const kids = /\/Kids\s*\[([^\]]*)\]/.exec(node)?.[1] ?? ''
      for (const kid of kids.matchAll(/(\d+)\s+0\s+R/g)) walk(Number(kid[1]))
    } else {
      pages.push(number)
    }
  }
  walk(root)
  return pages
}

/**
 * The page (1-based) of every named destination, as Chrome writes one for each
 * element id that a link points to, and the page count.
 *
 * @param pdf PDF bytes from Chrome.
 */
export function readDestinationPages(pdf: Uint8Array): {pages: Map<string, number>; pageCount: number} {
  const index = indexObjects(pdf)
  const order = pageOrder(index)
  const pageNumber = new Map(order.map((object, position) => [object, position + 1]))
  const pages = new Map<string, number>()
  const destsRef = reference(catalogOf(index), 'Dests')
  const dests = destsRef === undefined ? '' : (index.objects.get(destsRef) ?? '')
  for (const match of dests.matchAll(/\/([^\s/[\]<>()]+)\s*\[\s*(\d+)\s+0\s+R/g)) {
    const name = match[1]!.replace(/#([\da-f]{2})/gi, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)))
    const page = pageNumber.get(Number(match[2]))
    if (page !== undefined) pages.set(name, page)
  }
  return {pages, pageCount: order.length}
}

/** Document information written into the PDF. */
export interface PdfMetadata {
  readonly title: string
  readonly author: string
  readonly subject: string
  readonly keywords: string
  readonly creator: string
  readonly producer: string
  /** Creation and modification date: fixed, so the same input gives the same bytes. */
  readonly date: Date
  /** Seed of the stable document id (`/ID`), such as the hashes of every source. */
  readonly idSeed: string
  /** Further entries of the document information, such as provenance (`MLTop10Version`). */
  readonly custom?: Readonly<Record<string, string>>
  /**
   * The title of every bookmark, in the order of the outline (depth first): the headings' text in
   * logical order. Chrome takes a bookmark's title from the painted text runs, in visual order,
   * which reverses the words of right-to-left headings and repeats some. Left as Chrome wrote them
   * when the count differs from Chrome's.
   */
  readonly outlineTitles?: readonly string[]
}

/** Object numbers of the outline's items, depth first (the order of the headings). */
function outlineItems(index: PdfObjects): number[] {
  const root = reference(catalogOf(index), 'Outlines')
  const items: number[] = []
  const walk = (first: number | undefined) => {
    for (let item = first, guard = 0; item !== undefined && guard < 100_000; guard++) {
      const source = index.objects.get(item)
      if (source === undefined) throw unexpected(`outline item ${item} is missing`)
      items.push(item)
      walk(reference(source, 'First'))
      item = reference(source, 'Next')
    }
  }
  if (root !== undefined) walk(reference(index.objects.get(root) ?? '', 'First'))
  return items
}

/**
 * The document information every PDF of an edition carries (the book and the summary sheet):
 * author, keywords (the risk ids), creator, producer, the fixed date (`SOURCE_DATE_EPOCH`, else
 * the release date) and provenance (edition, version, locale, one hash over every source page).
 * Each PDF adds its title, subject and id seed.
 *
 * @param edition The edition in the PDF's language.
 * @param translator UI strings of that language.
 * @param sourceDateEpoch The date every output carries, when set.
 */
export function editionMetadata(edition: Edition, translator: Translator, sourceDateEpoch: number | undefined): Omit<PdfMetadata, 'title' | 'subject' | 'idSeed'> {
  const {manifest} = edition
  return {
    author: 'OWASP Machine Learning Security Top 10 project',
    keywords: translator.t('pdf.keywords', {ids: edition.risks.map((risk) => risk.id).join(', ')}),
    creator: `mltop10 (edition ${manifest.edition}, version ${manifest.version})`,
    producer: 'mltop10 with Chromium',
    date: new Date((sourceDateEpoch ?? Date.parse(`${manifest.released}T00:00:00Z`) / 1000) * 1000),
    custom: {
      MLTop10Edition: manifest.edition,
      MLTop10Version: manifest.version,
      MLTop10Locale: translator.locale,
      MLTop10SourceHash: createHash('sha256').update(edition.documents.map((document) => `${document.name} ${document.hash}`).join('\n')).digest('hex')
    }
  }
}

/** A PDF text string in UTF-16BE with a byte order mark: safe for any script. */
function textString(value: string): string {
  let hex = 'FEFF'
  for (let index = 0; index < value.length; index++) hex += value.charCodeAt(index).toString(16).padStart(4, '0').toUpperCase()
  return `<${hex}>`
}

function pdfDate(date: Date): string {
  const iso = date.toISOString()
  return `(D:${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z)`
}

/**
 * Replaces the document information (title, author, subject, keywords, creator,
 * producer, fixed dates) and sets a stable `/ID`, as an incremental update
 * appended to Chrome's file: tags, outline, links and `/Lang` stay untouched.
 *
 * @param pdf PDF bytes from Chrome.
 * @param metadata What to write.
 */
export function updateDocumentInfo(pdf: Uint8Array, metadata: PdfMetadata): Uint8Array {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1')
  const trailerAt = text.lastIndexOf('trailer')
  const startxref = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)
  if (trailerAt === -1 || !startxref) throw unexpected('no classic trailer')
  const trailer = text.slice(trailerAt, startxref.index)
  const size = Number(/\/Size\s+(\d+)/.exec(trailer)?.[1])
  const root = reference(trailer, 'Root')
  if (!size || root === undefined) throw unexpected('trailer without /Size or /Root')
  const info = reference(trailer, 'Info') ?? size
  const id = createHash('sha256').update(metadata.idSeed).digest('hex').slice(0, 32).toUpperCase()
  const base = text.endsWith('\n') ? '' : '\n'
  // The replaced information object stays in the file (that is how incremental updates work):
  // give its dates the fixed value too, digit for digit, so offsets do not move.
  const original = Buffer.from(pdf)
  const digits = pdfDate(metadata.date).slice(3, 17)
  const infoStart = text.search(new RegExp(`(^|\\s)${info} 0 obj`))
  const infoEnd = infoStart === -1 ? -1 : text.indexOf('endobj', infoStart)
  for (const match of text.slice(Math.max(infoStart, 0), Math.max(infoEnd, 0)).matchAll(/\/(?:CreationDate|ModDate)\s*\(D:(\d{14})/g)) {
    original.write(digits, infoStart + match.index + match[0].length - 14, 'latin1')
  }
  const replaced: [number, string][] = []
  if (metadata.outlineTitles) {
    const index = indexObjects(pdf)
    const items = outlineItems(index)
    if (items.length === metadata.outlineTitles.length) {
      items.forEach((item, position) => {
        const source = index.objects.get(item)!.trimEnd()
        const title = textString(metadata.outlineTitles![position]!)
        replaced.push([item, `${item} 0 obj\n${source.replace(/\/Title\s*(?:<[\da-fA-F\s]*>|\((?:\\.|[^\\)])*\))/, () => `/Title ${title}`)}\nendobj\n`])
      })
    }
  }
  const object = [
    `${info} 0 obj`,
    `<</Title ${textString(metadata.title)}`,
    `/Author ${textString(metadata.author)}`,
    `/Subject ${textString(metadata.subject)}`,
    `/Keywords ${textString(metadata.keywords)}`,
    `/Creator ${textString(metadata.creator)}`,
    `/Producer ${textString(metadata.producer)}`,
    `/CreationDate ${pdfDate(metadata.date)}`,
    `/ModDate ${pdfDate(metadata.date)}`,
    ...Object.entries(metadata.custom ?? {}).map(([key, value]) => `/${key.replace(/[^A-Za-z\d]/g, '')} ${textString(value)}`),
    '>>',
    'endobj',
    ''
  ].join('\n')
  // Each replaced object gets a cross-reference subsection of its own, in ascending object order.
  const written: [number, string][] = [[info, object], ...replaced]
  let offset = pdf.byteLength + base.length
  const entries: [number, number][] = []
  for (const [number, source] of written) {
    entries.push([number, offset])
    offset += Buffer.byteLength(source, 'latin1')
  }
  const sections = entries.sort((a, b) => a[0] - b[0]).flatMap(([number, at]) => [`${number} 1`, `${String(at).padStart(10, '0')} 00000 n\r`])
  const xrefOffset = offset
  const newSize = Math.max(size, info + 1)
  const update = [
    written.map(([, source]) => source).join('') + 'xref',
    '0 1',
    '0000000000 65535 f\r',
    ...sections,
    'trailer',
    `<</Size ${newSize}`,
    `/Root ${root} 0 R`,
    `/Info ${info} 0 R`,
    `/ID [<${id}> <${id}>]`,
    `/Prev ${startxref[1]}>>`,
    'startxref',
    String(xrefOffset),
    '%%EOF',
    ''
  ].join('\n')
  return Buffer.concat([original, Buffer.from(base + update, 'latin1')])
}

/**
 * Renumbers the ids Chrome gives structure elements (`/ID (node00000445)`, used by table cells'
 * `/Headers` and the `/IDTree`) to 1, 2, 3... in their own order. Chrome takes them from a
 * counter of the page that every print advances, so without this the bytes of a PDF would depend
 * on how many times its page was printed before. Same length, same order: offsets, the
 * cross-reference table and the sorted id tree stay valid.
 *
 * @param pdf PDF bytes from Chrome.
 */
export function renumberStructureIds(pdf: Uint8Array): Uint8Array {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1')
  const ids = new Set<string>()
  for (const match of text.matchAll(/\/ID\s*\(node(\d+)\)/g)) ids.add(match[1]!)
  if (ids.size === 0) return pdf
  const order = [...ids].sort((a, b) => Number(a) - Number(b) || a.length - b.length)
  const renumbered = new Map(order.map((id, rank) => [id, String(rank + 1).padStart(id.length, '0')]))
  const out = Buffer.from(pdf)
  for (const match of text.matchAll(/\(node(\d+)\)/g)) {
    const id = renumbered.get(match[1]!)
    if (id !== undefined) out.write(id, match.index + 5, 'latin1')
  }
  return out
}
