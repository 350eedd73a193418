import {readFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import {dirname, join} from 'node:path'
import type {Element} from 'hast'
import {h, s} from 'hastscript'
import type {RiskDocument} from '@mltop10/core'
import type {Translator} from '@mltop10/i18n'

/** Options of `renderRiskMap`. */
export interface RiskMapOptions {
  readonly t: Translator['t']
  /** The href of a risk's page (site) or section (print). */
  readonly href: (risk: RiskDocument) => string
  /** Id prefix, to keep ids unique when the map sits in a larger document. */
  readonly idPrefix?: string
  /** Show the data table openly (print) instead of in a disclosure (site). */
  readonly openTable?: boolean
  /** Follow the chart with its data table (default); `false` where the page shows the same scores beside it. */
  readonly table?: boolean
}

// Found by package name, so it also works from a bundle of the command line.
const assetsDir = join(dirname(createRequire(import.meta.url).resolve('@mltop10/render/package.json')), 'assets')
let printedCss: string | undefined

/**
 * The stylesheet of the risk map on paper and in books (the print edition, the summary sheet,
 * the EPUB): grid, marks and the shades of detectability, the one place they are written. A
 * medium sets its text sizes with `--map-text` and `--map-label`. Read once.
 */
export function riskMapCss(): string {
  printedCss ??= readFileSync(join(assetsDir, 'risk-map.css'), 'utf8')
  return printedCss
}

const size = {width: 640, height: 476, left: 84, right: 620, top: 16, bottom: 372}
const cellWidth = (size.right - size.left) / 5
const cellHeight = (size.bottom - size.top) / 5

/**
 * The risk map: an SVG chart drawn at build time from the scores, exploitability
 * across and technical impact up, with detectability as the shade of each mark.
 * Each mark is a link to its risk. No script is needed to see it; its colours come
 * from the stylesheet (classes), so it follows the theme; the same data follows
 * as a table.
 *
 * @param risks The risks, in rank order.
 * @param options UI strings, links and id prefix.
 */
export function renderRiskMap(risks: readonly RiskDocument[], options: RiskMapOptions): Element {
  const {t} = options
  const id = `${options.idPrefix ?? ''}risk-map`
  const x = (score: number) => size.left + (score - 1) * cellWidth
  const y = (score: number) => size.bottom - score * cellHeight
  const cells = new Map<string, RiskDocument[]>()
  for (const risk of risks) {
    const key = `${risk.scores.exploitability}/${risk.scores.technicalImpact}`
    cells.set(key, [...(cells.get(key) ?? []), risk])
  }
  const grid = [1, 2, 3, 4, 5].flatMap((score) => [
    s('rect', {className: ['map-cell'], x: x(score), y: size.top, width: cellWidth, height: size.bottom - size.top}),
    s('text', {className: ['map-tick'], x: x(score) + cellWidth / 2, y: size.bottom + 22, textAnchor: 'middle'}, String(score)),
    s('line', {className: ['map-line'], x1: size.left, x2: size.right, y1: y(score), y2: y(score)}),
    s('text', {className: ['map-tick'], x: size.left - 12, y: y(score) + cellHeight / 2 + 5, textAnchor: 'end'}, String(score))
  ])
  const marks = [...cells.values()].flatMap((group) =>
    group.map((risk, index) => {
      const width = 58
      const height = 20
      const left = x(risk.scores.exploitability) + (cellWidth - width) / 2
      const top = y(risk.scores.technicalImpact) + (cellHeight - group.length * (height + 3)) / 2 + index * (height + 3)
      const label = t('riskMap.point', {id: risk.id, title: risk.title, exploitability: risk.scores.exploitability, impact: risk.scores.technicalImpact, detectability: risk.scores.detectability})
      return s('a', {href: options.href(risk), ariaLabel: label}, [
        s('title', label),
        s('rect', {className: ['map-mark', `map-d${risk.scores.detectability}`], x: left, y: top, width, height, rx: 4}),
        s('text', {className: ['map-label', `map-d${risk.scores.detectability}`], x: left + width / 2, y: top + 14.5, textAnchor: 'middle'}, risk.id)
      ])
    })
  )
  const legend = [1, 2, 3, 4, 5].flatMap((score) => [
    s('rect', {className: ['map-mark', 'map-key', `map-d${score}`], x: 340 + score * 46, y: size.height - 24, width: 18, height: 14, rx: 3}),
    s('text', {className: ['map-tick'], x: 362 + score * 46, y: size.height - 10}, String(score))
  ])
  // Laid out left to right in every language: text anchors then mean the same side in a
  // right-to-left page, and labels (each a run of one script) still read in their own direction.
  const svg = s('svg', {className: ['risk-map-chart'], direction: 'ltr', viewBox: `0 0 ${size.width} ${size.height}`, role: 'group', ariaLabelledBy: `${id}-title`, ariaDescribedBy: `${id}-description`, xmlns: 'http://www.w3.org/2000/svg'}, [
    ...grid,
    s('text', {className: ['map-axis'], x: (size.left + size.right) / 2, y: size.bottom + 46, textAnchor: 'middle'}, t('riskMap.x')),
    s('text', {className: ['map-axis'], x: 18, y: (size.top + size.bottom) / 2, textAnchor: 'middle', transform: `rotate(-90 18 ${(size.top + size.bottom) / 2})`}, t('riskMap.y')),
    s('text', {className: ['map-axis'], x: 372, y: size.height - 10, textAnchor: 'end'}, t('riskMap.legend')),
    ...legend,
    ...marks
  ])
  const table = h('table.risk-map-table', [
    h('caption', t('riskMap.caption')),
    h('thead', h('tr', [h('th', {scope: 'col'}, t('riskMap.risk')), h('th', {scope: 'col'}, t('riskMap.x')), h('th', {scope: 'col'}, t('riskMap.y')), h('th', {scope: 'col'}, t('riskMap.legend'))])),
    h('tbody', risks.map((risk) => h('tr', [h('th', {scope: 'row'}, h('a', {href: options.href(risk)}, [h('span.risk-id', {dir: 'ltr'}, risk.id), ` ${risk.title}`])), h('td', String(risk.scores.exploitability)), h('td', String(risk.scores.technicalImpact)), h('td', String(risk.scores.detectability))])))
  ])
  return h('figure.risk-map', {id}, [
    h('figcaption', [h('strong', {id: `${id}-title`}, t('riskMap.title')), ' ', h('span', {id: `${id}-description`}, t('riskMap.description'))]),
    svg,
    ...(options.table === false ? [] : [options.openTable ? table : h('details.risk-map-data', [h('summary', t('riskMap.showTable')), table])])
  ])
}
