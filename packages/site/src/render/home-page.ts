import type {ElementContent} from 'hast'
import {h} from 'hastscript'
import {scoreLevel, type RiskDocument, type ScoreFactor} from '@mltop10/core'
import type {RenderContext} from '../context.js'
import {relativeUrl} from '../routes.js'
import {downloadKinds, renderDownloadLink, type PageSpec} from './layout.js'
import {renderRiskMap, renderScore} from '@mltop10/render'

const columns = ['exploitability', 'detectability', 'technicalImpact'] as const satisfies readonly ScoreFactor[]

/**
 * The home page of an edition: the ten risks as a ranked overview with id,
 * name, summary and scores, each linking to its page.
 *
 * @param context Render context.
 */
export function renderHomePage(context: RenderContext): PageSpec {
  const {t, routes, edition} = context
  const folder = routes.home
  const card = (risk: RiskDocument): ElementContent =>
    h('li.risk-card', [
      h('h3.risk-card-title', h('a', {href: relativeUrl(folder, routes.page(risk.name))}, [h('span.risk-id', {dir: 'ltr'}, risk.id), ` ${risk.title}`])),
      h('p.risk-card-summary', risk.summary),
      h(
        'dl.risk-card-scores',
        columns.flatMap((factor) => [
          h('dt', t(`home.columns.${factor}`)),
          h('dd', [renderScore(risk.scores[factor]), h('span.score-label', t(`score.level.${scoreLevel(risk.scores[factor])}`))])
        ])
      )
    ])
  const main: ElementContent[] = [
    h('header.page-header', [h('h1', edition.manifest.title), h('p.lead', t('home.lead'))]),
    h('p', h('a', {href: relativeUrl(folder, routes.page(edition.introduction.name))}, t('home.readIntroduction'))),
    ...(downloadKinds.some((kind) => context[kind])
      ? [h('p', downloadKinds.flatMap((kind) => {
          const download = context[kind]
          return download ? [' · ', renderDownloadLink(context, kind, relativeUrl(folder, download.path))] : []
        }).slice(1))]
      : []),
    renderRiskMap(edition.risks, {t, href: (risk) => relativeUrl(folder, routes.page(risk.name))}),
    h('section', {ariaLabelledBy: 'risks'}, [h('h2#risks', t('home.title')), h('ol.risk-list', edition.risks.map(card))]),
    h('p', h('a', {href: relativeUrl(folder, routes.mappings)}, t('matrix.home')))
  ]
  return {folder, title: edition.manifest.title, description: t('home.lead'), main, current: '', ogType: 'website'}
}
