import type {Element} from 'hast'
import {h} from 'hastscript'
import {scoreFactors, scoreLevel, type RiskDocument, type ScoreValue} from '@mltop10/core'
import type {Translator} from '@mltop10/i18n'

/**
 * The risk-factor table, generated from the front matter scores. Labels are
 * derived from each number by `scoreLevel`, then translated.
 *
 * @param risk The risk document.
 * @param t UI strings.
 */
export function renderScoreTable(risk: RiskDocument, t: Translator['t']): Element {
  return h('table.score-table', [
    h('caption', t('risk.factors.caption', {id: risk.id})),
    h('thead', h('tr', [h('th', {scope: 'col'}, t('risk.factors.factor')), h('th', {scope: 'col'}, t('risk.factors.score')), h('th', {scope: 'col'}, t('risk.factors.rating'))])),
    h(
      'tbody',
      scoreFactors.map((factor) => {
        const score = risk.scores[factor]
        const sub = factor.startsWith('exploitability') && factor !== 'exploitability'
        return h(`tr${sub ? '.sub-factor' : ''}`, [
          h('th', {scope: 'row'}, t(`risk.factors.${factor}`)),
          h('td', renderScore(score)),
          h('td', t(`score.level.${scoreLevel(score)}`))
        ])
      })
    )
  ])
}

/**
 * A score as its number with a five-step bar that carries no information of its
 * own (the number and label are the text).
 *
 * @param score An integer from 1 to 5.
 */
export function renderScore(score: ScoreValue): Element {
  return h(`span.score.score-${score}`, [h('span.score-number', String(score)), h('span.score-bar', {ariaHidden: 'true'})])
}
