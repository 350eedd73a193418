import {join, relative} from 'node:path'
import type {LaunchedBrowser} from '@mltop10/browser'
import type {Language} from '@mltop10/i18n'
import {buildPdfs, type PdfOutput, type SummarySheetOptions} from '@mltop10/pdf'
import {MlTop10Error, type SiteConfig} from '@mltop10/core'
import {editionHomeUrl} from '@mltop10/site'
import type {CliIo} from '../run-cli.js'

/** Milliseconds as printed in progress lines. */
export const ms = (value: number) => `${Math.round(value)} ms`

/**
 * Where rendered PDFs are kept between runs, by a key over all their inputs: in
 * the content folder's `node_modules/.cache`, the usual place for tools' caches.
 *
 * @param contentDir The content folder.
 */
export function pdfCacheDir(contentDir: string): string {
  return join(contentDir, 'node_modules', '.cache', 'mltop10', 'pdf')
}

/**
 * The summary sheet beside every PDF: its paper from `site.yaml`, and the address of each
 * edition's site in its language, from the base URL the site is built for.
 *
 * @param site Settings of `site.yaml`.
 * @param baseUrl The site's public address (`--base-url`, `MLTOP10_BASE_URL`), if given.
 */
export function summarySheet(site: SiteConfig, baseUrl: string | undefined): SummarySheetOptions {
  return {paper: site.summary?.paper, siteUrl: (localized) => editionHomeUrl(baseUrl, localized.locale.code, localized.edition.manifest.edition)}
}

/** Renders every edition's PDF with the early-started browser, printing a progress line for each. */
export async function renderPdfs(languages: readonly Language[], pdfDir: string, chrome: Promise<LaunchedBrowser>, options: {readonly pdfTimeout: number; readonly sourceDateEpoch?: number; readonly only?: string | undefined; readonly cacheDir?: string | undefined; readonly summary?: SummarySheetOptions | undefined}, io: CliIo): Promise<PdfOutput[]> {
  const sourceDateEpoch = options.sourceDateEpoch ?? (process.env['SOURCE_DATE_EPOCH'] ? Number(process.env['SOURCE_DATE_EPOCH']) : undefined)
  const browser = chrome
  const all: PdfOutput[] = []
  let announced = false
  const cached: string[] = []
  const jobs = languages.filter((language) => options.only === undefined || language.locale.code === options.only)
  if (jobs.length === 0) throw new MlTop10Error(`No locale \`${options.only}\` to render`, 'Name en or a locale that has a folder under locales/')
  for (const job of jobs) {
    const outputs = await buildPdfs({
    editions: [...job.editions.values()],
    translator: job.translator,
    outDir: pdfDir,
    cacheDir: options.cacheDir,
    summary: options.summary,
    browser,
    timeoutMs: options.pdfTimeout * 1000,
    sourceDateEpoch,
    onProgress: (event) => {
      if (event.kind === 'launch') {
        // Every locale awaits the same browser: say when it is ready once.
        if (!announced) io.stdout.write(`pdf: Chrome ready after ${ms(event.ms)} more\n`)
        announced = true
      } else {
        const {output} = event
        const shown = relative(io.cwd, join(pdfDir, output.file))
        // Files copied from the cache are listed together at the end: one line, however many.
        if (output.cached) cached.push(output.file)
        else if (output.kind === 'summary') io.stdout.write(`pdf: ${shown}: summary sheet, ${output.pages} page, ${Math.round(output.bytes / 1024)} KiB in ${ms(output.ms)} (layout and fit check ${ms(output.timings.layout)}, print ${ms(output.timings.print)}, post-processing ${ms(output.timings.postProcess)})\n`)
        else io.stdout.write(`pdf: ${shown}: ${output.pages} pages, ${Math.round(output.bytes / 1024)} KiB in ${ms(output.ms)} (layout ${ms(output.timings.layout)}, first pass ${ms(output.timings.firstPass)}, second pass ${ms(output.timings.secondPass)}, post-processing ${ms(output.timings.postProcess)})\n`)
      }
    }
  })
    all.push(...outputs)
  }
  if (cached.length > 0) io.stdout.write(`pdf: ${cached.length} unchanged, from the PDF cache: ${cached.join(', ')}\n`)
  return all
}
