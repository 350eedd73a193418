import type {ElementContent} from 'hast'
import {h} from 'hastscript'
import type {PageState} from '@mltop10/core'
import type {RenderContext} from '../context.js'
import {createRoutes, relativeUrl} from '../routes.js'
import type {PageSpec} from './layout.js'

/** The translation state of one language of an edition, for the dashboard. */
export interface LanguageStatus {
  readonly code: string
  readonly nativeName: string
  /** State of each page, in reading order. */
  readonly pages: readonly {readonly name: string; readonly state: PageState}[]
  /** UI strings translated, when known. */
  readonly ui: {readonly translated: number; readonly total: number} | undefined
}

/**
 * The translation dashboard of an edition: for each language, how many pages
 * are translated, outdated or shown in English, and how many interface strings
 * are translated; then the state of every page of each language, linked to it.
 *
 * @param statuses Every language of the edition, English first.
 * @param context Render context.
 */
export function renderDashboardPage(statuses: readonly LanguageStatus[], context: RenderContext): PageSpec {
  const {t, routes, edition} = context
  const folder = routes.translations
  const count = (status: LanguageStatus, state: string) => status.pages.filter((page) => page.state === state).length
  const summary = h('table.dashboard', [
    h('caption', t('dashboard.caption')),
    h('thead', h('tr', [t('dashboard.language'), t('dashboard.translated'), t('dashboard.outdated'), t('dashboard.missing'), t('dashboard.ui')].map((label) => h('th', {scope: 'col'}, label)))),
    h('tbody', statuses.map((status) => h('tr', [
      // English is the original: it has no page list of its own to link to.
      h('th', {scope: 'row'}, status.code === 'en' ? h('span', {lang: status.code}, status.nativeName) : h('a', {href: `#language-${status.code.toLowerCase()}`, lang: status.code}, status.nativeName)),
      h('td', String(status.code === 'en' ? status.pages.length : count(status, 'translated'))),
      h('td', String(count(status, 'outdated'))),
      h('td', String(count(status, 'missing'))),
      h('td', status.ui ? `${status.ui.translated}/${status.ui.total}` : '')
    ])))
  ])
  const details: ElementContent[] = statuses
    .filter((status) => status.code !== 'en')
    .map((status) =>
      h('section', {ariaLabelledBy: `language-${status.code.toLowerCase()}`}, [
        h('h2', {id: `language-${status.code.toLowerCase()}`, lang: status.code}, status.nativeName),
        h('table.dashboard-pages', [
          h('caption', t('dashboard.pagesCaption', {language: status.nativeName})),
          h('thead', h('tr', [h('th', {scope: 'col'}, t('dashboard.page')), h('th', {scope: 'col'}, t('dashboard.language'))])),
          h('tbody', status.pages.map((page) => {
            const document = edition.documents.find((candidate) => candidate.name === page.name)
            const target = createRoutes(status.code, edition.manifest.edition).page(page.name)
            return h('tr', [h('th', {scope: 'row'}, h('a', {href: relativeUrl(folder, target)}, document ? (document.kind === 'risk' ? [h('span.risk-id', {dir: 'ltr'}, document.id), ` ${document.title}`] : document.title) : page.name)), h('td', {className: [`state-${page.state}`]}, t(`dashboard.states.${page.state}`))])
          }))
        ])
      ])
    )
  return {folder, title: t('dashboard.title'), description: t('dashboard.lead'), main: [h('header.page-header', [h('h1', t('dashboard.title')), h('p.lead', t('dashboard.lead'))]), summary, ...details], noindex: false}
}
