import {mkdir, rename, rm, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {launchBrowser, type LaunchedBrowser, type LaunchOptions} from '@mltop10/browser'
import type {Edition} from '@mltop10/core'
import {createTranslator, type Translator} from '@mltop10/i18n'
import {renderPdf, type PdfRender} from './render-pdf.js'

/** Options of `buildPdfs`. */
export interface BuildPdfsOptions extends LaunchOptions {
  readonly editions: readonly Edition[]
  /** Folder for `<edition>-<locale>.pdf`. */
  readonly outDir: string
  /** UI strings. Default: English. */
  readonly translator?: Translator
  readonly sourceDateEpoch?: number | undefined
  /** Translation state of each page by edition name, for notices on pages shown in English or outdated. */
  readonly pageStates?: ReadonlyMap<string, ReadonlyMap<string, 'translated' | 'outdated' | 'missing'>>
  /** The locale's name in itself. */
  readonly nativeName?: string
  /** A browser already starting (launched early to overlap with other work); the caller closes it. */
  readonly browser?: Promise<LaunchedBrowser>
  /** Told when the browser is up and after each PDF, for progress lines. */
  readonly onProgress?: (event: {readonly kind: 'launch'; readonly ms: number} | {readonly kind: 'pdf'; readonly output: PdfOutput}) => void
}

/** One PDF written. */
export interface PdfOutput extends Omit<PdfRender, 'bytes'> {
  /** File name, such as `2023-en.pdf`. */
  readonly file: string
  readonly bytes: number
  readonly ms: number
}

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
  const chrome = await (options.browser ?? launchBrowser(options))
  options.onProgress?.({kind: 'launch', ms: Math.round(performance.now() - started)})
  const outputs: PdfOutput[] = []
  try {
    await mkdir(options.outDir, {recursive: true})
    for (const edition of options.editions) {
      const begin = performance.now()
      const render = await renderPdf({edition, browser: chrome.browser, translator, timeoutMs: options.timeoutMs ?? 60_000, sourceDateEpoch: options.sourceDateEpoch, pageStates: options.pageStates?.get(edition.manifest.edition), nativeName: options.nativeName})
      const file = `${edition.manifest.edition}-${translator.locale}.pdf`
      const path = join(options.outDir, file)
      const temporary = `${path}.tmp-${process.pid}`
      try {
        await writeFile(temporary, render.bytes)
        await rename(temporary, path)
      } catch (error) {
        await rm(temporary, {force: true})
        throw error
      }
      const output: PdfOutput = {file, bytes: render.bytes.byteLength, pages: render.pages, timings: render.timings, ms: Math.round(performance.now() - begin)}
      outputs.push(output)
      options.onProgress?.({kind: 'pdf', output})
    }
  } finally {
    if (!options.browser) await chrome.close()
  }
  return outputs
}
