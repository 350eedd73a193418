import type {ElementContent, Root} from 'hast'
import {h} from 'hastscript'
import {toHtml} from 'hast-util-to-html'
import {toString} from 'hast-util-to-string'
import {pageStates, type EditionDocument, type LocalizedEdition} from '@mltop10/core'
import type {Translator} from '@mltop10/i18n'
import {printFontStack, renderBookCover, renderBookDocument, renderMappingMatrix, renderRiskMap, riskMapCss} from '@mltop10/render'
import {fontFaces, printCss} from './fonts.js'

/** Id of a document in the print document; section anchors are `<id>--<anchor>`. */
export function printId(name: string, anchor?: string): string {
  return anchor === undefined ? `doc-${name.toLowerCase()}` : `doc-${name.toLowerCase()}--${anchor}`
}

/** Options of `renderPrintDocument`. */
export interface PrintDocumentOptions {
  /** The edition in the language to print, with the state of every page. */
  readonly localized: LocalizedEdition
  readonly translator: Translator
  /** Page number of each document, by name, from a first pass; blank on the first pass. */
  readonly pageNumbers?: ReadonlyMap<string, number>
}

/**
 * The whole edition as one HTML document for print: cover, contents, then every
 * document in reading order, each from the same canonical body as the site. Ids
 * are prefixed per document so links between documents become links inside the PDF.
 *
 * @param options Edition, translator and the page numbers of a first pass.
 */
export function renderPrintDocument(options: PrintDocumentOptions): string {
  const {localized, translator} = options
  const {edition} = localized
  const {t} = translator
  const {manifest} = edition
  const states = pageStates(localized)
  const href = (name: string, anchor: string | undefined) => `#${printId(name, anchor)}`

  const cover = h('section.cover', renderBookCover(manifest, t))

  const tocEntry = (document: EditionDocument): ElementContent =>
    h(`li.toc-${document.kind}`, h('a', {href: href(document.name, undefined)}, [
      h('span.toc-title', document.kind === 'risk' ? [h('span.risk-id', {dir: 'ltr'}, document.id), ` ${document.title}`] : document.title),
      h('span.toc-leader', {ariaHidden: 'true'}),
      h('span.toc-page', String(options.pageNumbers?.get(document.name) ?? ''))
    ]))
  const toc = h('nav.toc', {ariaLabelledBy: 'contents'}, [h('h1#contents', t('pdf.contents')), h('ol', edition.documents.map(tocEntry))])
  const riskMap = h('section.risk-map-page', [
    h('h1', t('riskMap.title')),
    renderRiskMap(edition.risks, {t, href: (risk) => href(risk.name, undefined), idPrefix: 'print-', openTable: true})
  ])
  const matrix = h('section.matrix-page', [h('h1#matrix', t('matrix.title')), h('p', t('matrix.lead')), renderMappingMatrix(edition.risks, {t, href: (risk) => href(risk.name, undefined)})])

  const documents = edition.documents.map((document): ElementContent =>
    h(
      `section.document.document-${document.kind}`,
      {id: printId(document.name)},
      renderBookDocument(document, {t, href, idPrefix: `${printId(document.name)}--`, edition: manifest.edition, releases: edition.releases, state: states.get(document.name), locale: {code: translator.locale, nativeName: localized.locale.nativeName}, mappings: {id: printId(document.name, 'mappings'), matrix: '#matrix'}})
    )
  )

  const body = h('body', [cover, toc, riskMap, matrix, ...documents])
  const margins = pageMargins({title: manifest.title, edition: t('pdf.footerEdition', {edition: manifest.edition, version: manifest.version}), footer: translator.template('pdf.footer'), dir: translator.dir, fontStack: printFontStack(translator.locale)})
  const tree: Root = {
    type: 'root',
    children: [
      {type: 'doctype'},
      h('html', {lang: translator.locale, dir: translator.dir}, [
        h('head', [h('meta', {charSet: 'utf-8'}), h('title', `${manifest.title} ${manifest.edition}`), h('style', `${fontFaces(toString(body) + margins.text, translator.locale)}\nhtml { font-family: ${printFontStack(translator.locale)}, sans-serif; }\n${riskMapCss()}\n${printCss()}\n${margins.css}`)]),
        body
      ])
    ]
  }
  return toHtml(tree)
}

/** A CSS string: quotes, backslashes and line breaks escaped, and `<` too, so it cannot end the `<style>` element. */
function cssString(text: string): string {
  return `"${text.replace(/[\\"<\n]/g, (character) => `\\${character.codePointAt(0)!.toString(16)} `)}"`
}

/**
 * Header (title, edition) and footer ("page X of Y") as CSS page-margin boxes: Chrome draws them
 * with the document's own fonts while it prints, where header and footer templates would be laid
 * out as a separate document on every page (which took a third of each print).
 */
function pageMargins(options: {readonly title: string; readonly edition: string; readonly footer: string; readonly dir: 'ltr' | 'rtl'; readonly fontStack: string}): {readonly css: string; readonly text: string} {
  const [start, end] = options.dir === 'rtl' ? ['right', 'left'] : ['left', 'right']
  const footer = options.footer
    .split(/(\{\{page\}\}|\{\{total\}\})/)
    .filter((part) => part !== '')
    .map((part) => (part === '{{page}}' ? 'counter(page)' : part === '{{total}}' ? 'counter(pages)' : cssString(part)))
    .join(' ')
  const box = (content: string) => `{ content: ${content}; font-family: ${options.fontStack}, sans-serif; font-size: 7.5pt; color: #474c55; direction: ${options.dir}; }`
  return {
    css: `@page { @top-${start} ${box(cssString(options.title))} @top-${end} ${box(cssString(options.edition))} @bottom-${start} ${box(footer)} }`,
    text: `${options.title}${options.edition}${options.footer}0123456789`
  }
}
