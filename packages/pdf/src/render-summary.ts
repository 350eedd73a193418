import type {Browser, Page} from 'puppeteer-core'
import {exitCodes, MlTop10Error, type LocalizedEdition} from '@mltop10/core'
import {createTranslator, type Translator} from '@mltop10/i18n'
import {lockDown, withLimit} from './chrome-page.js'
import {editionMetadata, readDestinationPages, renumberStructureIds, updateDocumentInfo} from './pdf-structure.js'
import {renderSummaryDocument, type SummaryPaper} from './summary-document.js'

/** Options of `renderSummaryPdf`. */
export interface RenderSummaryOptions {
  /** The edition in the language of the sheet, with the state of every page. */
  readonly localized: LocalizedEdition
  /** A running browser, shared by every PDF of a build. */
  readonly browser: Browser
  /** Absolute address of the edition's site in this language, linked and encoded as a QR code. */
  readonly siteUrl: string
  /** Paper, landscape. Default: A4. */
  readonly paper?: SummaryPaper | undefined
  /** UI strings. Default: English. */
  readonly translator?: Translator
  /** Longest time the render may take before it fails. Default: 60 s. */
  readonly timeoutMs?: number
  /** Seconds since 1970 for the PDF dates. Default: the edition's release date. */
  readonly sourceDateEpoch?: number | undefined
  /** The sheet's HTML for these options, when the caller has rendered it already (to key a cache). */
  readonly document?: string | undefined
}

/** How much of a box's content Chrome laid out, against the box itself, in CSS pixels. */
export interface SummaryBox {
  /** A risk id, or the part of the sheet (`sheet`, `side`). */
  readonly name: string
  readonly scrollWidth: number
  readonly clientWidth: number
  readonly scrollHeight: number
  readonly clientHeight: number
}

/** A rendered summary sheet with what it cost. */
export interface SummaryRender {
  readonly bytes: Uint8Array
  readonly pages: number
  /** Every fixed box of the sheet as measured before printing: each one's content fits it. */
  readonly boxes: readonly SummaryBox[]
  /** Milliseconds: loading and measuring the sheet, printing it, and post-processing. */
  readonly timings: {readonly layout: number; readonly print: number; readonly postProcess: number}
}

/**
 * Renders the one-page summary sheet of an edition in one language. Before it
 * prints, it measures every box of the sheet (each risk, the side column, the
 * sheet itself): text that does not fit, in any language, fails the render with
 * the risks it concerns, and so does a print of more than one page. Tags,
 * `/Lang`, metadata and fixed dates as in `renderPdf`, so the bytes are repeatable.
 *
 * @param options Edition, browser, site address, paper and limits.
 * @throws {MlTop10Error} When the text does not fit one page (exit code 1), or Chrome crashes or exceeds the time limit (exit code 3).
 */
export async function renderSummaryPdf(options: RenderSummaryOptions): Promise<SummaryRender> {
  const {localized, browser} = options
  const {edition} = localized
  const {manifest} = edition
  const translator = options.translator ?? createTranslator()
  const {t} = translator
  const timeout = options.timeoutMs ?? 60_000
  const label = `${manifest.edition}-${translator.locale}-summary`
  let page: Page | undefined
  let rendered = false
  try {
    const render = await withLimit(label, timeout, browser, async () => {
      page = await browser.newPage()
      await lockDown(page)
      let mark = performance.now()
      const lap = () => {
        const now = performance.now()
        const elapsed = Math.round(now - mark)
        mark = now
        return elapsed
      }
      const html = options.document ?? renderSummaryDocument({localized, translator, paper: options.paper, siteUrl: options.siteUrl})
      await page.setContent(html, {waitUntil: 'load', timeout})
      await page.evaluate(() => document.fonts.ready.then(() => undefined))
      await page.emulateMediaType('print')
      const boxes = await measureBoxes(page)
      const layout = lap()
      const overflowing = boxes.filter((box) => box.scrollHeight > box.clientHeight + 1 || box.scrollWidth > box.clientWidth + 1)
      if (overflowing.length > 0) {
        const what = overflowing.map((box) => `${box.name} (${Math.max(0, box.scrollHeight - box.clientHeight)} px too tall, ${Math.max(0, box.scrollWidth - box.clientWidth)} px too wide)`).join(', ')
        throw new MlTop10Error(`The summary sheet ${manifest.edition}-${translator.locale} does not fit its page: ${what}`, `Shorten the \`summary\` or \`keyControls\` of those risks in the ${translator.locale} pages, or the UI strings of the sheet (\`sheet.*\`)`, exitCodes.contentErrors)
      }
      const pdf = await page.pdf({preferCSSPageSize: true, printBackground: true, outline: false, tagged: true, displayHeaderFooter: false, timeout})
      const {pageCount} = readDestinationPages(pdf)
      if (pageCount !== 1) throw new MlTop10Error(`The summary sheet ${manifest.edition}-${translator.locale} printed on ${pageCount} pages instead of one`, `Shorten the \`summary\` or \`keyControls\` of the risks in the ${translator.locale} pages`, exitCodes.contentErrors)
      const print = lap()
      const bytes = updateDocumentInfo(renumberStructureIds(pdf), {
        ...editionMetadata(edition, translator, options.sourceDateEpoch),
        title: `${manifest.title} ${manifest.edition}: ${t('sheet.heading')}`,
        subject: t('sheet.subject', {edition: manifest.edition}),
        idSeed: ['summary', manifest.edition, manifest.version, translator.locale, options.siteUrl, options.paper ?? 'a4', ...edition.risks.map((risk) => risk.hash)].join('\n')
      })
      return {bytes, pages: pageCount, boxes, timings: {layout, print, postProcess: lap()}}
    })
    rendered = true
    return render
  } finally {
    // As in renderPdf: after a failure Chrome may be hung, and its owner kills it.
    const closing = page?.close().catch(() => undefined)
    if (rendered) await closing
  }
}

/** The sheet, its side column and every risk's box, with the size of their content. */
function measureBoxes(page: Page): Promise<SummaryBox[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('.sheet, .sheet-header, .sheet-side, .sheet-risk'), (element) => ({
      name: element.classList.contains('sheet-risk') ? (element.querySelector('.sheet-id')?.textContent ?? element.id) : element.className.replace(/^sheet-?/, '') || 'sheet',
      scrollWidth: element.scrollWidth,
      clientWidth: element.clientWidth,
      scrollHeight: element.scrollHeight,
      clientHeight: element.clientHeight
    }))
  )
}
