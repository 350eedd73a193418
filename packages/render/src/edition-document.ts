import type {ElementContent} from 'hast'
import {h} from 'hastscript'
import {licenses, type EditionDocument, type EditionManifest, type PageState, type ReleaseRecord} from '@mltop10/core'
import type {Translator} from '@mltop10/i18n'
import type {BodyContext} from './body-context.js'
import {renderDocumentBody} from './document-body.js'
import {renderMappings} from './mappings.js'

/** Options of `renderBookDocument`. */
export interface BookDocumentOptions {
  readonly t: Translator['t']
  /** The href of a link to a document and an optional anchor in it, inside the book. */
  readonly href: BodyContext['href']
  /** Prefix of every id of the document's body. */
  readonly idPrefix: string
  /** The edition's name, for a risk's heading. */
  readonly edition: string
  /** The edition's releases, for the changelog page. */
  readonly releases?: readonly ReleaseRecord[] | undefined
  /** The page's state in the book's language. */
  readonly state: PageState | undefined
  /** The book's language: code and native name (for the fallback notice). */
  readonly locale: {readonly code: string; readonly nativeName: string}
  /** Id of the risk's mappings section, and the href of the mappings matrix. */
  readonly mappings: {readonly id: string; readonly matrix: string}
}

/**
 * One document of a book (the print edition or the EPUB) as it reads there: its heading (a risk's
 * id, title, summary and former names), its canonical body, a risk's mappings, and a notice when
 * the page is shown in English (its content then marked as English) or is an outdated translation.
 *
 * @param document A document of the edition in the book's language.
 * @param options Strings, links, ids and the page's state.
 */
export function renderBookDocument(document: EditionDocument, options: BookDocumentOptions): ElementContent[] {
  const {t, state} = options
  const body = renderDocumentBody(document, {t, href: options.href, idPrefix: options.idPrefix, ...(options.releases ? {releases: options.releases} : {})})
  const header: ElementContent[] =
    document.kind === 'risk'
      ? [
          h('h1', t('risk.heading', {id: document.id, edition: options.edition, title: document.title})),
          h('p.lead', document.summary),
          ...(document.formerly.length > 0 ? [h('p.formerly', t('risk.formerly', {names: document.formerly.map((former) => former.title).join(', ')}))] : [])
        ]
      : [h('h1', document.title)]
  const notice = state === 'missing' ? [h('p.locale-notice', t('locale.fallback', {language: options.locale.nativeName}))] : state === 'outdated' ? [h('p.locale-notice', t('locale.outdated'))] : []
  const content = [...header, ...(body.children as ElementContent[]), ...(document.kind === 'risk' ? [renderMappings(document, t, options.mappings.id, options.mappings.matrix)] : [])]
  // A page shown in English is marked as English, for screen readers, hyphenation and fonts.
  return state === 'missing' && options.locale.code !== 'en' ? [...notice, h('div', {lang: 'en', dir: 'ltr'}, content)] : [...notice, ...content]
}

/**
 * The cover of a book (the print edition or the EPUB): title band, then edition, version,
 * status, release date and license (linked to its text), and the license notice.
 *
 * @param manifest The edition's manifest.
 * @param t UI strings of the book's language.
 */
export function renderBookCover(manifest: EditionManifest, t: Translator['t']): ElementContent[] {
  const license = licenses[manifest.license]
  return [
    h('div.cover-band', [h('p.cover-kicker', 'OWASP'), h('h1', manifest.title), h('p.cover-edition', t('site.editionLine', {edition: manifest.edition, version: manifest.version, date: manifest.released}))]),
    h('dl', [
      h('dt', t('pdf.cover.edition')),
      h('dd', manifest.edition),
      h('dt', t('pdf.cover.version')),
      h('dd', manifest.version),
      h('dt', t('pdf.cover.status')),
      h('dd', t(`site.status.${manifest.status}`)),
      h('dt', t('pdf.cover.released')),
      h('dd', manifest.released),
      h('dt', t('pdf.cover.license')),
      h('dd', license ? h('a', {href: license.url}, license.name) : manifest.license)
    ]),
    h('p.cover-attribution', t('site.licenseNotice', {license: license?.name ?? manifest.license}))
  ]
}
