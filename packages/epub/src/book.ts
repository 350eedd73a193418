import type {Element, ElementContent} from 'hast'
import {h} from 'hastscript'
import {pageStates, type LocalizedEdition} from '@mltop10/core'
import type {Translator} from '@mltop10/i18n'
import {renderBookCover, renderBookDocument, renderMappingMatrix, renderRiskMap} from '@mltop10/render'
import type {XhtmlDocument} from './xhtml.js'

/** One content document of the book, in reading order. */
export interface BookPart {
  /** File name inside the publication folder, such as `ML01-input-manipulation-attack.xhtml`. */
  readonly file: string
  /** Manifest id. */
  readonly id: string
  /** The entry of the contents, for the parts listed there. */
  readonly toc: string | undefined
  /** The landmark it is, if any (`cover`, `bodymatter`). */
  readonly landmark: 'cover' | 'bodymatter' | undefined
  readonly document: XhtmlDocument
}

/**
 * The risk map without the chart's `role="group"`: the EPUB 3.2 schema allows only `application`,
 * `document` or `img` on `<svg>`, and `img` would hide the marks' links. The chart keeps its
 * label and description, and the table after it has the same data.
 */
function withoutSvgRole(figure: Element): Element {
  for (const child of figure.children) {
    if (child.type === 'element' && child.tagName === 'svg') delete child.properties['role']
  }
  return figure
}

/** Id of a document's section in the book; section anchors are `<id>--<anchor>`, as in the print edition. */
export function bookId(name: string, anchor?: string): string {
  return anchor === undefined ? `doc-${name.toLowerCase()}` : `doc-${name.toLowerCase()}--${anchor}`
}

/** File of a document in the book. */
export function bookFile(name: string): string {
  return `${name.toLowerCase().replace(/[^a-z0-9-]+/g, '-')}.xhtml`
}

/** The risk map and the mappings matrix have files of their own, after the contents. */
export const riskMapFile = 'risk-map.xhtml'
export const matrixFile = 'matrix.xhtml'
export const coverFile = 'cover.xhtml'

/**
 * The content documents of the book, in reading order: cover, risk map, mappings
 * matrix, then every document of the edition, each from the same canonical body
 * as the site and the PDF. Ids are prefixed per document as in the print edition,
 * and links between documents point at the document's file and that id, so every
 * cross-reference stays inside the book. A page shown in English carries the
 * fallback notice, an outdated translation the outdated notice.
 *
 * @param localized The edition in one language, with the state of every page.
 * @param translator UI strings of that language.
 */
export function renderBookParts(localized: LocalizedEdition, translator: Translator): BookPart[] {
  const {edition} = localized
  const {t} = translator
  const {manifest} = edition
  const states = pageStates(localized)
  const lang = translator.locale
  const dir = translator.dir
  const href = (name: string, anchor: string | undefined) => (anchor === undefined ? bookFile(name) : `${bookFile(name)}#${bookId(name, anchor)}`)

  const cover: BookPart = {
    file: coverFile,
    id: 'cover',
    toc: undefined,
    landmark: 'cover',
    document: {
      title: manifest.title,
      lang,
      dir,
      type: 'cover',
      body: [
        h('section.cover', renderBookCover(manifest, t))
      ]
    }
  }
  const riskMap: BookPart = {
    file: riskMapFile,
    id: 'risk-map',
    toc: t('riskMap.title'),
    landmark: undefined,
    document: {title: t('riskMap.title'), lang, dir, body: [h('section.risk-map-page', [h('h1', t('riskMap.title')), withoutSvgRole(renderRiskMap(edition.risks, {t, href: (risk) => href(risk.name, undefined), idPrefix: 'book-', openTable: true}))])]}
  }
  const matrix: BookPart = {
    file: matrixFile,
    id: 'matrix',
    toc: t('matrix.title'),
    landmark: undefined,
    document: {title: t('matrix.title'), lang, dir, body: [h('section.matrix-page', [h('h1#matrix', t('matrix.title')), h('p', t('matrix.lead')), renderMappingMatrix(edition.risks, {t, href: (risk) => href(risk.name, undefined)})])]}
  }

  const documents = edition.documents.map((document, index): BookPart => {
    const title = document.kind === 'risk' ? `${document.id} ${document.title}` : document.title
    const inner = renderBookDocument(document, {t, href, idPrefix: `${bookId(document.name)}--`, edition: manifest.edition, releases: edition.releases, state: states.get(document.name), locale: {code: lang, nativeName: localized.locale.nativeName}, mappings: {id: bookId(document.name, 'mappings'), matrix: `${matrixFile}#matrix`}})
    return {
      file: bookFile(document.name),
      id: `doc-${index + 1}`,
      toc: title,
      landmark: index === 0 ? 'bodymatter' : undefined,
      document: {title, lang, dir, body: [h(`section.document.document-${document.kind}`, {id: bookId(document.name), 'epub:type': 'chapter'}, inner)]}
    }
  })
  return [cover, riskMap, matrix, ...documents]
}
