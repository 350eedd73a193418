import type {Browser, Page} from 'puppeteer-core'
import {exitCodes, MlTop10Error, type LocalizedEdition} from '@mltop10/core'
import {createTranslator, type Translator} from '@mltop10/i18n'
import {chromeStopped, lockDown, withLimit} from './chrome-page.js'
import {editionMetadata, readDestinationPages, renumberStructureIds, updateDocumentInfo} from './pdf-structure.js'
import {printId, renderPrintDocument} from './print-document.js'

/** Options of `renderPdf`. */
export interface RenderPdfOptions {
  /** The edition in the language to print, with the state of every page. */
  readonly localized: LocalizedEdition
  /** A running browser, shared by every PDF of a build. */
  readonly browser: Browser
  /** UI strings. Default: English. */
  readonly translator?: Translator
  /** Longest time one render may take before it fails. Default: 60 s. */
  readonly timeoutMs?: number
  /** Seconds since 1970 for the PDF dates. Default: the edition's release date. */
  readonly sourceDateEpoch?: number | undefined
  /** The print document of these options, when the caller has rendered it already (to key a cache). */
  readonly document?: string | undefined
  /**
   * Page of each document, by name, from an earlier render of this edition and locale. When
   * every document still starts there, one print makes the PDF; otherwise that print serves as
   * the first pass. The result is the same either way.
   */
  readonly pageNumbers?: ReadonlyMap<string, number> | undefined
}

/** A rendered PDF with what it cost. */
export interface PdfRender {
  readonly bytes: Uint8Array
  readonly pages: number
  /** Page where each document starts, by name: what the contents show. */
  readonly documentPages: ReadonlyMap<string, number>
  /** Milliseconds: loading the print document, each render pass, and post-processing. */
  readonly timings: {readonly layout: number; readonly firstPass: number; readonly secondPass: number; readonly postProcess: number}
}

/**
 * Renders an edition to PDF in two passes: the first finds the page of every
 * document (Chrome has no `target-counter`), the second prints the contents
 * with those numbers. Given the numbers of an earlier render that still hold,
 * the first pass is skipped. Bookmarks come from the headings, tags from Chrome's
 * tagged output; metadata, language, dates and id are set afterwards.
 *
 * @param options Edition, browser, translator and limits.
 * @throws {MlTop10Error} When Chrome crashes or exceeds the time limit (exit code 3).
 */
export async function renderPdf(options: RenderPdfOptions): Promise<PdfRender> {
  const {localized, browser} = options
  const {edition} = localized
  const translator = options.translator ?? createTranslator()
  const {t} = translator
  const {manifest} = edition
  const timeout = options.timeoutMs ?? 60_000
  const label = `${manifest.edition}-${translator.locale}`
  let page: Page | undefined
  let rendered = false
  try {
    const render = await withLimit(label, timeout, browser, async (fail) => {
      page = await browser.newPage()
      page.once('error', () => fail(chromeStopped(label, 'Its page crashed')))
      await lockDown(page)
      let mark = performance.now()
      const lap = () => {
        const now = performance.now()
        const elapsed = now - mark
        mark = now
        return Math.round(elapsed)
      }
      const html = options.document ?? renderPrintDocument({localized, translator})
      await page.setContent(html, {waitUntil: 'load', timeout})
      await page.evaluate(() => document.fonts.ready.then(() => undefined))
      const layout = lap()
      const printOptions = {
        format: 'a4',
        preferCSSPageSize: true,
        printBackground: true,
        outline: true,
        tagged: true,
        // Header and footer are page-margin boxes of the print document.
        displayHeaderFooter: false,
        timeout
      } as const
      const fill = (numbers: ReadonlyMap<string, number>) =>
        page!.evaluate((entries) => {
          for (const [id, number] of entries) {
            const target = document.querySelector(`.toc a[href="#${id}"] .toc-page`)
            if (target) target.textContent = String(number)
          }
        }, edition.documents.map((document) => [printId(document.name), numbers.get(document.name) ?? 0] as const))
      const found = (pages: ReadonlyMap<string, number>) => new Map(edition.documents.map((document) => [document.name, pages.get(printId(document.name)) ?? 0]))
      let numbers = options.pageNumbers
      let guessed = numbers !== undefined
      let firstPass = 0
      if (!numbers) {
        // The first pass only finds page numbers: tags and bookmarks do not change the layout, and
        // leaving them out makes it a third faster. The second pass checks that nothing moved.
        numbers = found(readDestinationPages(await page.pdf({...printOptions, tagged: false, outline: false})).pages)
        firstPass = lap()
      }
      let second: Uint8Array
      let check: ReturnType<typeof readDestinationPages>
      for (;;) {
        await fill(numbers)
        second = await page.pdf(printOptions)
        check = readDestinationPages(second)
        const moved = edition.documents.find((document) => check.pages.get(printId(document.name)) !== numbers!.get(document.name))
        if (!moved) break
        if (!guessed) throw new MlTop10Error(`The contents of the PDF ${label} moved between passes (${moved.name})`, 'Report it: the contents page must keep its layout when page numbers are filled in', exitCodes.environment)
        // The numbers of an earlier render no longer hold: this print was the first pass.
        guessed = false
        numbers = found(check.pages)
        firstPass = lap()
      }
      const secondPass = lap()
      // Bookmark titles in logical order, as the reader reads the headings (see `outlineTitles`).
      const outlineTitles = await page.evaluate(() =>
        Array.from(document.querySelectorAll('h1, h2, h3, h4, h5, h6')).filter((heading) => heading.getClientRects().length > 0).map((heading) => (heading.textContent ?? '').replace(/\s+/g, ' ').trim())
      )
      const bytes = updateDocumentInfo(renumberStructureIds(second), {
        ...editionMetadata(edition, translator, options.sourceDateEpoch),
        title: `${manifest.title} ${manifest.edition}`,
        subject: t('pdf.subject', {edition: manifest.edition}),
        outlineTitles,
        idSeed: [manifest.edition, manifest.version, translator.locale, ...edition.documents.map((document) => document.hash)].join('\n')
      })
      const postProcess = lap()
      return {bytes, pages: check.pageCount, documentPages: numbers, timings: {layout, firstPass, secondPass, postProcess}}
    })
    rendered = true
    return render
  } finally {
    // After a failure Chrome may be hung or gone: closing the page could wait for a protocol
    // timeout, so it is left to the browser's owner, who closes (kills) the whole browser.
    const closing = page?.close().catch(() => undefined)
    if (rendered) await closing
  }
}
