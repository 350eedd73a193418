import {h} from 'hastscript'
import {renderMappingMatrix} from '@mltop10/render'
import type {RenderContext} from '../context.js'
import {relativeUrl} from '../routes.js'
import {contentsPage, type PageSpec} from './layout.js'

/**
 * The search page. Results are rendered in the browser from the build-time index;
 * the messages it shows are passed as data attributes so the script has no words of its own.
 *
 * @param context Render context.
 */
export function renderSearchPage(context: RenderContext): PageSpec {
  const {t, routes, translator} = context
  const folder = routes.search
  const plurals = Object.fromEntries(Object.entries(translator.plurals('search.results')).map(([category, template]) => [`dataResults${category[0]!.toUpperCase()}${category.slice(1)}`, template]))
  return {
    folder,
    title: t('search.title'),
    description: t('search.label'),
    noindex: true,
    scripts: ['assets/search.js'],
    main: [
      h('header.page-header', h('h1', t('search.title'))),
      h('noscript', h('p', t('search.needsScript'))),
      h('div#search-results.search-results', {
        ariaLive: 'polite',
        dataIndex: relativeUrl(folder, routes.searchIndex),
        dataLocale: translator.locale,
        ...plurals,
        dataNoResults: t('search.noResults', {query: '{{query}}'})
      })
    ]
  }
}

/**
 * The mappings matrix of an edition: every risk against NIST AI 100-2, MITRE
 * ATLAS techniques and mitigations, CWE and the LLM Top 10, with the same data
 * as CSV beside it.
 *
 * @param context Render context.
 * @param csv Site path of the matrix as CSV, when it is published.
 */
export function renderMappingsPage(context: RenderContext, csv: string | undefined): PageSpec {
  const {t, routes, edition} = context
  const folder = routes.mappings
  return {
    folder,
    title: t('matrix.title'),
    description: t('matrix.lead'),
    main: [
      h('header.page-header', [h('h1', t('matrix.title')), h('p.lead', t('matrix.lead'))]),
      ...(csv ? [h('p', h('a', {href: relativeUrl(folder, csv), download: ''}, t('matrix.download')))] : []),
      h('div.table-scroll', {tabIndex: 0, role: 'region', ariaLabel: t('matrix.caption')}, renderMappingMatrix(edition.risks, {t, href: (risk) => relativeUrl(folder, routes.page(risk.name))}))
    ]
  }
}

/**
 * The 404 page, served at any missing address: its links are root-relative.
 *
 * @param context Render context.
 */
export function renderNotFoundPage(context: RenderContext): PageSpec {
  const {t, routes} = context
  const basePath = new URL(context.baseUrl).pathname
  return {
    folder: '404.html',
    title: t('notFound.title'),
    description: t('notFound.text'),
    noindex: true,
    links: 'absolute',
    canonical: '404.html',
    main: [h('header.page-header', h('h1', t('notFound.title'))), h('p', t('notFound.text')), h('p', h('a', {href: `${basePath}${routes.home}`}, t('notFound.back')))]
  }
}

/**
 * A page at a former address of a risk that sends the reader to its current page.
 *
 * @param from Folder of the former address.
 * @param to Folder of the current page.
 * @param title Current title of the risk.
 * @param context Render context.
 */
export function renderRedirectPage(from: string, to: string, title: string, context: RenderContext): PageSpec {
  const {t} = context
  const href = relativeUrl(from, to)
  return {
    folder: from,
    title: t('redirect.title', {title}),
    description: t('redirect.text', {title}),
    noindex: true,
    canonical: to,
    head: [h('meta', {httpEquiv: 'refresh', content: `0; url=${href}`})],
    main: [h('header.page-header', h('h1', t('redirect.title', {title}))), h('p', withLink(t('redirect.text', {title: placeholder}), h('a', {href}, title)))]
  }
}

/** Stands in a translated sentence for the link that takes its place. */
const placeholder = '\u0000'

/**
 * A translated sentence with a link where its placeholder was, so the link sits
 * where each language puts it ("Its page is now X." and "現在のページはXです。").
 */
function withLink(sentence: string, link: ReturnType<typeof h>): (string | ReturnType<typeof h>)[] {
  const [before = '', ...after] = sentence.split(placeholder)
  return after.length === 0 ? [sentence, ' ', link] : [before, link, after.join('')]
}

/**
 * The list of every page of an edition, for editions too large to list in the navigation.
 *
 * @param context Render context.
 */
export function renderContentsPage(context: RenderContext): PageSpec {
  const {t, routes, edition} = context
  const folder = routes.contents
  return {
    folder,
    title: t('site.contentsTitle'),
    description: t('site.allPages', {count: edition.documents.length}),
    current: contentsPage,
    main: [
      h('header.page-header', h('h1', t('site.contentsTitle'))),
      h('ol.contents-list', edition.documents.map((document) => h('li', h('a', {href: relativeUrl(folder, routes.page(document.name))}, document.kind === 'risk' ? [h('span.risk-id', {dir: 'ltr'}, document.id), ` ${document.title}`] : document.title))))
    ]
  }
}
