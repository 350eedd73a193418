import {readFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import {dirname, join} from 'node:path'
import type {ElementContent, Root} from 'hast'
import {h} from 'hastscript'
import {toHtml} from 'hast-util-to-html'
import {toString} from 'hast-util-to-string'
import {licenses, pageStates, scoreLevel, type LocalizedEdition, type RiskDocument, type ScoreFactor} from '@mltop10/core'
import type {Translator} from '@mltop10/i18n'
import {printFontStack, renderRiskMap, riskMapCss} from '@mltop10/render'
import {fontFaces} from './fonts.js'
import {renderQrCode} from './qr-code.js'

/** Paper of the summary sheet, always landscape. */
export type SummaryPaper = 'a4' | 'letter'

/** Width and height of each paper in landscape, in millimetres, and the margin around the sheet. */
const papers: Readonly<Record<SummaryPaper, {readonly width: number; readonly height: number; readonly css: string}>> = {
  a4: {width: 297, height: 210, css: 'A4 landscape'},
  letter: {width: 279.4, height: 215.9, css: 'letter landscape'}
}
const margin = 8

/** The scores the sheet shows for each risk: the three factors of the risk map. */
const sheetFactors: readonly ScoreFactor[] = ['exploitability', 'detectability', 'technicalImpact']

/** Options of `renderSummaryDocument`. */
export interface SummaryDocumentOptions {
  /** The edition in the language of the sheet, with the state of every page. */
  readonly localized: LocalizedEdition
  readonly translator: Translator
  /** Paper, landscape. Default: A4. */
  readonly paper?: SummaryPaper | undefined
  /** Absolute address of the edition's site in this language: printed and encoded as a QR code. */
  readonly siteUrl: string
}

/** Id of a risk's box on the sheet, which the risk map's marks link to. */
const riskId = (risk: RiskDocument) => `sheet-${risk.id.toLowerCase()}`

let css: string | undefined

/**
 * The one-page summary sheet as one HTML document: every risk with its name,
 * summary, three scores with their labels and three key controls, beside the
 * risk map, the edition, its license and a link and QR code to the site. Every
 * box has a fixed size on the page, so text that does not fit shows as overflow
 * (`renderSummaryPdf` measures it) instead of pushing onto a second page.
 *
 * @param options Edition, translator, paper and the site's address.
 */
export function renderSummaryDocument(options: SummaryDocumentOptions): string {
  const {localized, translator, siteUrl} = options
  const {t} = translator
  const {edition} = localized
  const {manifest} = edition
  const paper = papers[options.paper ?? 'a4']
  const states = pageStates(localized)
  const license = licenses[manifest.license]?.name ?? manifest.license

  const riskBox = (risk: RiskDocument): ElementContent => {
    const english = states.get(risk.name) === 'missing' && translator.locale !== 'en'
    return h('article.sheet-risk', {id: riskId(risk), ariaLabelledBy: `${riskId(risk)}-title`, ...(english ? {lang: 'en', dir: 'ltr'} : {})}, [
      h('h2', {id: `${riskId(risk)}-title`}, [h('span.sheet-id', risk.id), ' ', risk.title]),
      h('p.sheet-summary', risk.summary),
      h(
        'dl.sheet-scores',
        sheetFactors.flatMap((factor) => {
          const score = risk.scores[factor]
          return [h('dt', t(`risk.factors.${factor}`)), h('dd', [h(`span.sheet-score.sheet-score-${score}`, t('score.value', {score, label: t(`score.level.${scoreLevel(score)}`)}))])]
        })
      ),
      h('h3', t('sheet.keyControls')),
      h('ul.sheet-controls', risk.keyControls.map((control) => h('li', control)))
    ])
  }

  const body = h('body', [
    h('main.sheet', [
      h('header.sheet-header', [
        h('div.sheet-titles', [h('p.sheet-kicker', 'OWASP'), h('h1', manifest.title), h('p.sheet-lead', t('sheet.heading'))]),
        h('p.sheet-edition', [t('site.editionLine', {edition: manifest.edition, version: manifest.version, date: manifest.released}), h('br'), t(`site.status.${manifest.status}`)])
      ]),
      h('section.sheet-risks', {ariaLabel: t('sheet.heading')}, edition.risks.map(riskBox)),
      h('aside.sheet-side', [
        renderRiskMap(edition.risks, {t, href: (risk) => `#${riskId(risk)}`, idPrefix: 'sheet-', table: false}),
        h('div.sheet-link', [
          renderQrCode(siteUrl, t('sheet.qrCode', {url: siteUrl})),
          h('p', t('sheet.readMore')),
          h('p.sheet-address', h('a', {href: siteUrl, dir: 'ltr'}, siteUrl))
        ]),
        h('p.sheet-license', [t('site.licenseNotice', {license}), ' ', h('a', {href: licenses[manifest.license]?.url, dir: 'ltr'}, licenses[manifest.license]?.url ?? '')])
      ])
    ])
  ])
  const page = `@page { size: ${paper.css}; margin: ${margin}mm; }\n.sheet { width: ${paper.width - 2 * margin}mm; height: ${paper.height - 2 * margin - 1}mm; }`
  const tree: Root = {
    type: 'root',
    children: [
      {type: 'doctype'},
      h('html', {lang: translator.locale, dir: translator.dir}, [
        h('head', [
          h('meta', {charSet: 'utf-8'}),
          h('title', `${manifest.title} ${manifest.edition}: ${t('sheet.heading')}`),
          h('style', `${fontFaces(toString(body), translator.locale)}\nhtml { font-family: ${printFontStack(translator.locale)}, sans-serif; }\n${riskMapCss()}\n${summaryCss()}\n${page}`)
        ]),
        body
      ])
    ]
  }
  return toHtml(tree)
}

/** The summary sheet's stylesheet. */
function summaryCss(): string {
  css ??= readFileSync(join(dirname(createRequire(import.meta.url).resolve('@mltop10/pdf/package.json')), 'assets', 'summary.css'), 'utf8')
  return css
}
