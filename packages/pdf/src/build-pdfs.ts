import {createHash} from 'node:crypto'
import {readFileSync} from 'node:fs'
import {mkdir, readdir, readFile, rm, stat, utimes} from 'node:fs/promises'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {launchBrowser, type LaunchedBrowser, type LaunchOptions} from '@mltop10/browser'
import {artifactNames, type Edition, type LocalizedEdition} from '@mltop10/core'
import {createTranslator, type Translator} from '@mltop10/i18n'
import {writeFileAtomically} from '@mltop10/output'
import {renderPrintDocument} from './print-document.js'
import {renderPdf, type PdfRender} from './render-pdf.js'
import {renderSummaryPdf, type SummaryRender} from './render-summary.js'
import {renderSummaryDocument, type SummaryPaper} from './summary-document.js'

/** The one-page summary sheet that `buildPdfs` renders beside each PDF. */
export interface SummarySheetOptions {
  /** Paper, landscape. Default: A4. */
  readonly paper?: SummaryPaper | undefined
  /** Absolute address of the site of an edition in its language: printed on the sheet and encoded as a QR code. */
  readonly siteUrl: (localized: LocalizedEdition) => string
}

/** Options of `buildPdfs`. */
export interface BuildPdfsOptions extends LaunchOptions {
  /** The editions in one language. */
  readonly editions: readonly LocalizedEdition[]
  /** Folder for the PDFs, named by `artifactNames.pdf`. */
  readonly outDir: string
  /** UI strings. Default: English. */
  readonly translator?: Translator
  readonly sourceDateEpoch?: number | undefined
  /** A browser already starting (launched early to overlap with other work); the caller closes it. */
  readonly browser?: Promise<LaunchedBrowser>
  /**
   * Folder of rendered PDFs kept by a key over everything that shapes them (the
   * print document, UI strings, dates, this code): a PDF whose key is there is
   * copied instead of rendered, so editing one language renders only its PDFs.
   */
  readonly cacheDir?: string | undefined
  /** Render each edition's one-page summary sheet too, named by `artifactNames.summary`. */
  readonly summary?: SummarySheetOptions | undefined
  /** Told when the browser is up and after each PDF, for progress lines. */
  readonly onProgress?: (event: {readonly kind: 'launch'; readonly ms: number} | {readonly kind: 'pdf'; readonly output: PdfOutput}) => void
}

interface WrittenPdf {
  /** File name, such as `2023-en.pdf`. */
  readonly file: string
  /** Whether it came from the cache rather than from Chrome. */
  readonly cached: boolean
  readonly bytes: number
  readonly pages: number
  readonly ms: number
}

/** One PDF written: an edition's full PDF or its one-page summary sheet. */
export type PdfOutput = (WrittenPdf & {readonly kind: 'edition'; readonly timings: PdfRender['timings']}) | (WrittenPdf & {readonly kind: 'summary'; readonly timings: SummaryRender['timings']})

/**
 * Renders the PDF of every edition with one browser, launched once. Each file
 * is written to a temporary name and renamed into place, so a failure never
 * leaves a partial PDF where a good one was.
 *
 * @param options Editions, output folder, browser resolution and timeout.
 * @throws {MlTop10Error} When Chrome is missing, crashes or hangs (exit code 3).
 */
export async function buildPdfs(options: BuildPdfsOptions): Promise<PdfOutput[]> {
  const translator = options.translator ?? createTranslator()
  const started = performance.now()
  let chrome: LaunchedBrowser | undefined
  const browser = async (): Promise<LaunchedBrowser> => {
    if (chrome) return chrome
    chrome = await (options.browser ?? launchBrowser(options))
    options.onProgress?.({kind: 'launch', ms: Math.round(performance.now() - started)})
    // The output folder appears only once there is a browser to fill it (or a cached PDF).
    await mkdir(options.outDir, {recursive: true})
    return chrome
  }
  const outputs: PdfOutput[] = []
  try {
    for (const localized of options.editions) {
      const {edition} = localized
      const begin = performance.now()
      // Rendered once: it keys the cache, and on a miss it is what Chrome prints.
      const document = options.cacheDir === undefined ? undefined : renderPrintDocument({localized, translator})
      const key = document === undefined ? undefined : cacheKey(edition, translator, document, options)
      const file = artifactNames.pdf(edition.manifest.edition, localized.locale.code)
      const cached = key && (await readCached<Pick<PdfRender, 'pages' | 'timings'>>(options.cacheDir!, key))
      const render = cached || {...(await renderPdf({localized, browser: (await browser()).browser, translator, timeoutMs: options.timeoutMs ?? 60_000, sourceDateEpoch: options.sourceDateEpoch, document, pageNumbers: options.cacheDir === undefined ? undefined : await readPageNumbers(options.cacheDir, file)})), cached: false as const}
      await mkdir(options.outDir, {recursive: true})
      await writeFileAtomically(join(options.outDir, file), render.bytes)
      if (key && !render.cached) {
        await writeCached(options.cacheDir!, key, render.bytes, {pages: render.pages, timings: render.timings})
        await writePageNumbers(options.cacheDir!, file, render.documentPages)
      }
      const output: PdfOutput = {kind: 'edition', file, cached: render.cached, bytes: render.bytes.byteLength, pages: render.pages, timings: render.timings, ms: Math.round(performance.now() - begin)}
      outputs.push(output)
      options.onProgress?.({kind: 'pdf', output})
      if (options.summary) {
        const sheet = await buildSummary(localized, options.summary, translator, options, browser)
        outputs.push(sheet)
        options.onProgress?.({kind: 'pdf', output: sheet})
      }
    }
  } finally {
    if (!options.browser) await chrome?.close()
  }
  return outputs
}

/** Renders (or copies from the cache) the summary sheet of one edition in one language. */
async function buildSummary(localized: LocalizedEdition, summary: SummarySheetOptions, translator: Translator, options: BuildPdfsOptions, browser: () => Promise<LaunchedBrowser>): Promise<PdfOutput> {
  const begin = performance.now()
  const {edition} = localized
  const siteUrl = summary.siteUrl(localized)
  // Rendered once, as for the full PDF: it keys the cache and is what Chrome prints.
  const document = renderSummaryDocument({localized, translator, paper: summary.paper, siteUrl})
  const key = options.cacheDir === undefined ? undefined : cacheKey(edition, translator, document, options)
  const file = artifactNames.summary(edition.manifest.edition, localized.locale.code)
  const cached = key && (await readCached<Pick<SummaryRender, 'pages' | 'timings'>>(options.cacheDir!, key))
  const render = cached || {...(await renderSummaryPdf({localized, browser: (await browser()).browser, translator, siteUrl, paper: summary.paper, timeoutMs: options.timeoutMs ?? 60_000, sourceDateEpoch: options.sourceDateEpoch, document})), cached: false as const}
  await writeFileAtomically(join(options.outDir, file), render.bytes)
  if (key && !render.cached) await writeCached(options.cacheDir!, key, render.bytes, {pages: render.pages, timings: render.timings})
  return {kind: 'summary', file, cached: render.cached, bytes: render.bytes.byteLength, pages: render.pages, timings: render.timings, ms: Math.round(performance.now() - begin)}
}

let codeHash: string | undefined

/** The key of a PDF in the cache: a hash over every input of `renderPdf`, the print document `html` included. */
function cacheKey(edition: Edition, translator: Translator, html: string, options: BuildPdfsOptions): string {
  // The code that renders (in the command line's bundle, the whole program) is an input too.
  codeHash ??= createHash('sha256').update(readFileSync(fileURLToPath(import.meta.url))).digest('hex')
  return createHash('sha256')
    .update(JSON.stringify([codeHash, translator.fingerprint, edition.manifest, edition.documents.map((document) => document.hash), options.sourceDateEpoch ?? null, options.executablePath ?? process.env['CHROME_PATH'] ?? null]))
    .update(html)
    .digest('hex')
}

/** Cached PDFs kept at most: a few editions in a few languages, each with its summary sheet. */
const cacheEntries = 128

async function readCached<Meta extends object>(dir: string, key: string): Promise<(Meta & {bytes: Uint8Array; cached: true}) | undefined> {
  try {
    const meta = JSON.parse(await readFile(join(dir, `${key}.json`), 'utf8')) as Meta
    const bytes = new Uint8Array(await readFile(join(dir, `${key}.pdf`)))
    const now = new Date()
    await utimes(join(dir, `${key}.json`), now, now)
    return {...meta, bytes, cached: true}
  } catch {
    return undefined
  }
}

async function writeCached(dir: string, key: string, bytes: Uint8Array, meta: object): Promise<void> {
  await mkdir(dir, {recursive: true})
  // The PDF first: an entry counts only once its metadata is there.
  await writeFileAtomically(join(dir, `${key}.pdf`), bytes)
  await writeFileAtomically(join(dir, `${key}.json`), JSON.stringify(meta))
  const entries = await Promise.all((await readdir(dir)).filter((name) => name.endsWith('.json')).map(async (name) => ({name, time: (await stat(join(dir, name))).mtimeMs})))
  for (const {name} of entries.sort((a, b) => b.time - a.time).slice(cacheEntries)) {
    await rm(join(dir, name), {force: true})
    await rm(join(dir, name.replace(/\.json$/, '.pdf')), {force: true})
  }
}

/**
 * Where the page of each document of the last render of a PDF is kept, by file name rather than
 * by cache key: an edit that moves no document keeps them, and the next render of that PDF
 * needs one print instead of two (`renderPdf` checks them, so a stale file costs only time).
 */
const pageNumbersFile = (dir: string, file: string) => join(dir, 'page-numbers', file.replace(/\.pdf$/, '.json'))

async function readPageNumbers(dir: string, file: string): Promise<Map<string, number> | undefined> {
  try {
    const entries: unknown = JSON.parse(await readFile(pageNumbersFile(dir, file), 'utf8'))
    if (typeof entries !== 'object' || entries === null) return undefined
    return new Map(Object.entries(entries).filter((entry): entry is [string, number] => Number.isInteger(entry[1])))
  } catch {
    return undefined
  }
}

async function writePageNumbers(dir: string, file: string, numbers: ReadonlyMap<string, number>): Promise<void> {
  await mkdir(join(dir, 'page-numbers'), {recursive: true})
  await writeFileAtomically(pageNumbersFile(dir, file), JSON.stringify(Object.fromEntries(numbers)))
}
