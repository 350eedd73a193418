import {resolve} from 'node:path'
import {launchBrowser} from '@mltop10/browser'
import {exitCodes} from '@mltop10/core'
import {fillOutputFolder, prepareOutputFolders} from '@mltop10/output'
import type {CliIo} from '../run-cli.js'
import {loadEditions} from './load-editions.js'
import {loadLocalesFor, localesBeside} from './load-locales.js'
import {ms, pdfCacheDir, renderPdfs, summarySheet} from './render-pdfs.js'
import {publicationLanguages} from './languages.js'

/** Options of the pdf command. */
export interface PdfCommandOptions {
  readonly dir: string
  /** Output folder of the PDFs. */
  readonly out: string
  readonly chrome: string | undefined
  /** Longest time one PDF may take, in seconds. */
  readonly pdfTimeout: number
  /** The locales folder; by default `locales/` beside the content folder. */
  readonly locales: string | undefined
  /** Render only this locale (`en` for English), as a build task of its own. */
  readonly only: string | undefined
  /** Reuse unchanged PDFs from the cache in the content folder's `node_modules/.cache`. */
  readonly cache: boolean
  /** Render the one-page summary sheet beside each PDF. */
  readonly summary: boolean
}

/**
 * Validates the content and renders the PDF and the one-page summary sheet of
 * every edition, without the site. The sheet links to the site at `MLTOP10_BASE_URL`.
 *
 * @param options Folders and Chrome settings.
 * @param io Output streams and working folder.
 */
export async function pdfCommand(options: PdfCommandOptions, io: CliIo): Promise<number> {
  const started = performance.now()
  const outDir = resolve(io.cwd, options.out)
  const given = resolve(io.cwd, options.dir)
  await prepareOutputFolders([{dir: outDir, option: '--out', kind: 'pdf'}], {cwd: io.cwd, content: given, locales: options.locales === undefined ? localesBeside(given) : resolve(io.cwd, options.locales)})
  // Chrome boots while the content loads.
  let launchMs = 0
  const chrome = launchBrowser({executablePath: options.chrome, timeoutMs: options.pdfTimeout * 1000}).then((launched) => {
    launchMs = performance.now() - started
    return launched
  })
  chrome.catch(() => undefined)
  try {
    const {editions, site, contentDir, ok: editionsOk} = await loadEditions(options.dir, io)
    const {locales, ok: localesOk} = editionsOk ? await loadLocalesFor(options.locales, contentDir, editions, io) : {locales: [], ok: false}
    if (!editionsOk || !localesOk) {
      io.stderr.write('pdf stopped: fix the problems above; the previous output was left in place\n')
      return exitCodes.contentErrors
    }
    await fillOutputFolder(outDir, 'pdf', () => renderPdfs(publicationLanguages(editions, locales), outDir, chrome, {pdfTimeout: options.pdfTimeout, only: options.only, cacheDir: options.cache ? pdfCacheDir(contentDir) : undefined, summary: options.summary ? summarySheet(site, process.env['MLTOP10_BASE_URL'] ?? undefined) : undefined}, io))
    io.stdout.write(`pdf: Chrome launch took ${ms(launchMs)}, beside content loading\npdf: done in ${ms(performance.now() - started)}\n`)
    return exitCodes.ok
  } finally {
    await chrome.then((launched) => launched.close(), () => undefined)
  }
}
