import {existsSync} from 'node:fs'
import {readFile, writeFile} from 'node:fs/promises'
import {join, relative, resolve} from 'node:path'
import {launchBrowser} from '@mltop10/browser'
import {artifactNames, exitCodes, MlTop10Error} from '@mltop10/core'
import {fillOutputFolder, outputMarker, outputMarkerName, prepareOutputFolders} from '@mltop10/output'
import {buildSite} from '@mltop10/site'
import type {CliIo} from '../run-cli.js'
import {loadEditions} from './load-editions.js'
import type {Language} from '@mltop10/i18n'
import {loadLocalesFor, localesBeside} from './load-locales.js'
import {ms, pdfCacheDir, renderPdfs, summarySheet} from './render-pdfs.js'
import {buildEpubs} from './build-epubs.js'
import {dataExports, publicationLanguages} from './languages.js'

/** Options of the build command. */
export interface BuildCommandOptions {
  /** Content folder, editions folder or one edition folder. */
  readonly dir: string
  /** Output folder of the site. */
  readonly out: string
  /** Output folder of the PDFs; `undefined` builds no PDF (and the site has no download link). */
  readonly pdfOut: string | undefined
  /** Output folder of the EPUBs; `undefined` builds no EPUB (and the site links none). */
  readonly epubOut: string | undefined
  /** Absolute URL the site is served from. */
  readonly baseUrl: string | undefined
  /** Explicit Chrome executable (otherwise `CHROME_PATH`, puppeteer's download, then the system). */
  readonly chrome: string | undefined
  /** Longest time one PDF may take, in seconds. */
  readonly pdfTimeout: number
  /** The locales folder; by default `locales/` beside the content folder. */
  readonly locales: string | undefined
  /**
   * Take the PDFs from the content folder's `dist/pdf/` (built by its own `pdf`
   * task, every language) instead of rendering them.
   */
  readonly prebuiltPdfs: boolean
  /** Reuse unchanged PDFs from the cache in the content folder's `node_modules/.cache`. */
  readonly cache: boolean
}


/**
 * Validates the content, renders the PDF of every edition with one browser,
 * builds the EPUB of every edition, then builds the site with both linked. Nothing is written when the
 * content has problems, a link is broken or Chrome fails.
 *
 * @param options Folders, base URL and Chrome settings.
 * @param io Output streams and working folder.
 */
export async function buildCommand(options: BuildCommandOptions, io: CliIo): Promise<number> {
  const started = performance.now()
  const outDir = resolve(io.cwd, options.out)
  const pdfDir = options.pdfOut === undefined ? undefined : resolve(io.cwd, options.pdfOut)
  const epubDir = options.epubOut === undefined ? undefined : resolve(io.cwd, options.epubOut)
  const given = resolve(io.cwd, options.dir)
  await prepareOutputFolders(
    [
      {dir: outDir, option: '--out', kind: 'site'},
      ...(pdfDir === undefined ? [] : [{dir: pdfDir, option: '--pdf-out', kind: 'pdf' as const}]),
      ...(epubDir === undefined ? [] : [{dir: epubDir, option: '--epub-out', kind: 'epub' as const}])
    ],
    {cwd: io.cwd, content: given, locales: options.locales === undefined ? localesBeside(given) : resolve(io.cwd, options.locales)}
  )
  // Chrome boots while the content loads; its failure to start is reported only if PDFs are reached.
  const chrome = options.pdfOut === undefined || options.prebuiltPdfs ? undefined : launchBrowser({executablePath: options.chrome, timeoutMs: options.pdfTimeout * 1000})
  // A failed start is reported where the browser is awaited, not as an unhandled rejection.
  chrome?.catch(() => undefined)
  try {
    const {editions, site, contentDir, ok: editionsOk} = await loadEditions(options.dir, io)
    const {locales, ok: localesOk} = editionsOk ? await loadLocalesFor(options.locales, contentDir, editions, io) : {locales: [], ok: false}
    const ok = editionsOk && localesOk
    if (!ok) {
      io.stderr.write('build stopped: fix the problems above; the previous output was left in place\n')
      return exitCodes.contentErrors
    }
    const loaded = performance.now()
    const languages = publicationLanguages(editions, locales)
    const baseUrl = options.baseUrl ?? (process.env['MLTOP10_BASE_URL'] ?? undefined)
    const pdfs = new Map<string, {file: string; bytes: Uint8Array}>()
    if (options.prebuiltPdfs && pdfDir !== undefined) {
      for (const output of await fillOutputFolder(pdfDir, 'pdf', () => collectPdfs(languages, contentDir, pdfDir))) pdfs.set(output.file, output)
    } else if (chrome && pdfDir !== undefined) {
      for (const output of await fillOutputFolder(pdfDir, 'pdf', () => renderPdfs(languages, pdfDir, chrome, {...options, cacheDir: options.cache ? pdfCacheDir(contentDir) : undefined, summary: summarySheet(site, baseUrl)}, io))) pdfs.set(output.file, {file: output.file, bytes: await readFile(join(pdfDir, output.file))})
    }
    const epubs = new Map<string, {file: string; bytes: Uint8Array}>()
    if (epubDir !== undefined) {
      for (const output of await fillOutputFolder(epubDir, 'epub', () => buildEpubs(languages, epubDir, {}, io))) epubs.set(output.file, output)
    }
    const exports = dataExports(languages)
    const data = new Map<string, string>([
      [outputMarkerName, outputMarker('site')],
      ['data/edition.schema.json', exports.schema]
    ])
    for (const file of exports.files) data.set(`data/${file.name}`, file.text)
    const rendered = performance.now()
    const result = await buildSite({languages, outDir, baseUrl, pdfs, epubs, files: data, repository: site.repository})
    const done = performance.now()
    io.stdout.write(`site: ${result.pages} pages, ${result.files} files, ${(result.bytes / 1024).toFixed(0)} KiB in ${relative(io.cwd, outDir) || '.'} (load ${ms(loaded - started)}, render ${ms(done - rendered)})\n`)
    io.stdout.write(`build: done in ${ms(done - started)}\n`)
    return exitCodes.ok
  } finally {
    await chrome?.then((launched) => launched.close(), () => undefined)
  }
}

/**
 * Gathers the PDFs and summary sheets rendered by the content's `pdf` task (every
 * edition in every language) into the PDF output folder.
 */
async function collectPdfs(languages: readonly Language[], contentDir: string, pdfDir: string): Promise<{file: string; bytes: Uint8Array}[]> {
  const dir = join(contentDir, 'dist', 'pdf')
  const wanted = languages.flatMap((language) => [...language.editions.values()].flatMap((localized) => [artifactNames.pdf, artifactNames.summary].map((name) => name(localized.edition.manifest.edition, localized.locale.code))))
  // Every PDF is checked before one is copied, so a missing one leaves the output as it was.
  const missing = wanted.map((file) => join(dir, file)).find((path) => !existsSync(path))
  if (missing) throw new MlTop10Error(`The PDF ${relative(process.cwd(), missing)} has not been built`, 'Run the content\'s pdf task first (pnpm build runs it through turbo), or build without --prebuilt-pdfs')
  const found: {file: string; bytes: Uint8Array}[] = []
  for (const file of wanted) {
    const bytes = await readFile(join(dir, file))
    await writeFile(join(pdfDir, file), bytes)
    found.push({file, bytes})
  }
  return found
}
