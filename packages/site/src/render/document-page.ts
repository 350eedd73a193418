import type {ElementContent} from 'hast'
import {h} from 'hastscript'
import {riskSectionSpec, type EditionDocument, type RiskDocument} from '@mltop10/core'
import type {RenderContext} from '../context.js'
import {relativeUrl} from '../routes.js'
import {collectSearchEntries, type SearchEntry} from '../search-index.js'
import type {PageSpec} from './layout.js'
import {addGlossaryIndex} from '../transforms/glossary-index.js'
import {externalLink, renderDocumentBody, renderMappings} from '@mltop10/render'

/**
 * The page of one document: its header, a table of contents (risks), the body
 * with canonical anchors, mappings (risks) and previous/next links.
 *
 * @param document The document.
 * @param context Render context.
 */
export function renderDocumentPage(document: EditionDocument, context: RenderContext): {spec: PageSpec; search: SearchEntry[]} {
  const {t, routes, edition} = context
  const folder = routes.page(document.name)
  const body = renderDocumentBody(document, {
    t,
    idPrefix: '',
    releases: edition.releases,
    href: (name, anchor) => relativeUrl(folder, `${routes.page(name)}${anchor === undefined ? '' : `#${anchor}`}`),
    onLink: (href, source) => context.linkSources.push({page: folder, href, source})
  })

  const header: ElementContent[] =
    document.kind === 'risk'
      ? [
          h('p.risk-kicker', [h('span.risk-id', {dir: 'ltr'}, document.id)]),
          h('h1', t('risk.heading', {id: document.id, edition: edition.manifest.edition, title: document.title})),
          h('p.lead', document.summary),
          document.formerly.length > 0 ? h('p.formerly', t('risk.formerly', {names: document.formerly.map((former) => former.title).join(', ')})) : undefined
        ].filter((node) => node !== undefined)
      : [h('h1', document.title), h('p.lead', document.description)]

  const index = document.kind === 'glossary' ? addGlossaryIndex(body, {t, idPrefix: ''}, context.translator.locale) : undefined
  const state = context.pageStates.get(document.name) ?? 'translated'
  const language = context.languages.find((candidate) => candidate.code === context.translator.locale)?.nativeName ?? context.translator.locale
  const contributing = context.edition.documents.find((candidate) => candidate.name === 'contributing')
  const notice =
    state === 'missing'
      ? h('p.locale-notice.fallback-notice', {role: 'note'}, [t('locale.fallback', {language}), ...(contributing ? [' ', h('a', {href: relativeUrl(folder, `${routes.page(contributing.name)}#add-or-improve-a-translation`)}, t('locale.helpTranslate'))] : [])])
      : state === 'outdated'
        ? h('p.locale-notice.outdated-notice', {role: 'note'}, t('locale.outdated'))
        : undefined
  const main: ElementContent[] = [
    ...(notice ? [notice] : []),
    h('article.document', {className: [`document-${document.kind}`], ...(state === 'missing' && context.translator.locale !== 'en' ? {lang: 'en', dir: 'ltr'} : {})}, [
      h('header.page-header', header),
      ...(document.kind === 'risk' ? [renderToc(document, context)] : []),
      ...(index ? [index] : []),
      ...(body.children as ElementContent[]),
      ...(document.kind === 'risk' ? [renderMappings(document, t, 'mappings', relativeUrl(folder, context.routes.mappings))] : [])
    ]),
    ...(context.repository ? [renderPageActions(document, context, folder)] : []),
    renderPager(document, context, folder)
  ]
  const title = document.kind === 'risk' ? `${document.id} ${document.title}` : document.title
  const source = {hash: document.hash, englishHash: state === 'missing' ? undefined : context.sourceHashes.get(document.name)}
  return {spec: {folder, title, description: document.description, main, current: document.name, source}, search: collectSearchEntries(body, folder, title)}
}

function renderToc(risk: RiskDocument, context: RenderContext): ElementContent {
  const {t} = context
  // The fixed sections in their order (core's riskSectionSpec), then the generated mappings.
  const entries = [...riskSectionSpec.map((spec) => [spec.id, t(`risk.section.${spec.id}`)] as const), ['mappings', t('risk.mappings.heading')] as const]
  return h('nav.toc', {ariaLabelledBy: 'toc-title'}, [
    h('h2#toc-title.toc-title', t('site.onThisPage')),
    h(
      'ol',
      entries.map(([id, label]) =>
        h('li', [
          h('a', {href: `#${id}`}, label),
          id === 'example-attack-scenarios' ? h('ol', risk.scenarios.map((scenario) => h('li', h('a', {href: `#${scenario.id}`}, t('risk.scenario', {number: scenario.number, title: scenario.title}))))) : undefined
        ].filter((node) => node !== undefined))
      )
    )
  ])
}

function renderPager(document: EditionDocument, context: RenderContext, folder: string): ElementContent {
  const {t, routes, edition} = context
  const index = edition.documents.indexOf(document)
  const previous = edition.documents[index - 1]
  const next = edition.documents[index + 1]
  const item = (target: EditionDocument | undefined, rel: 'prev' | 'next') =>
    target
      ? h(`a.pager-${rel}`, {href: relativeUrl(folder, routes.page(target.name)), rel: [rel]}, [h('span.pager-label', t(rel === 'prev' ? 'site.previous' : 'site.next')), h('span.pager-title', target.kind === 'risk' ? [h('span.risk-id', {dir: 'ltr'}, target.id), ` ${target.title}`] : target.title)])
      : h('span')
  return h('nav.pager', {ariaLabel: t('site.pagination')}, [item(previous, 'prev'), item(next, 'next')])
}

/** "Edit this page" and "Report a problem with this page", built from the configured repository. */
function renderPageActions(document: EditionDocument, context: RenderContext, folder: string): ElementContent {
  const {t, edition, repository} = context
  const {url, branch, path} = repository!
  const title = document.kind === 'risk' ? `${document.id} ${document.title}` : document.title
  const source = [path, 'editions', edition.manifest.edition, `${document.name}.md`].filter(Boolean).join('/')
  const issue = new URL(`${url}/issues/new`)
  issue.searchParams.set('title', t('site.reportTitle', {page: title, edition: edition.manifest.edition}))
  issue.searchParams.set('body', t('site.reportBody', {url: new URL(folder, context.baseUrl).href}))
  const external = t('site.externalLink')
  return h('aside.page-actions', {ariaLabel: t('site.pageActions')}, h('ul', [
    h('li', externalLink(`${url}/edit/${branch}/${source}`, [t('site.editPage')], external)),
    h('li', externalLink(issue.href, [t('site.reportProblem')], external))
  ]))
}
