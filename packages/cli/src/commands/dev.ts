import {existsSync, watch} from 'node:fs'
import type {ServerResponse} from 'node:http'
import {relative, resolve} from 'node:path'
import {createLoadCache, exitCodes, MlTop10Error} from '@mltop10/core'
import {outputMarker, outputMarkerName, prepareOutputFolders, updateFolderInPlace, writeFolderAtomically} from '@mltop10/output'
import {brokenLinksError, languageNameFonts, renderSite, serveSite, type LanguageNameFonts, type RenderedSite} from '@mltop10/site'
import type {CliIo} from '../run-cli.js'
import {fromSystemError} from '../system-error.js'
import {loadEditions} from './load-editions.js'
import {loadLocalesFor, localesBeside} from './load-locales.js'
import {publicationLanguages} from './languages.js'

/** Options of the dev command. */
export interface DevCommandOptions {
  readonly dir: string
  readonly out: string
  /** Port on 127.0.0.1; 0 lets the system pick a free one. */
  readonly port: number
  /** Stop after this signal (tests); by default runs until the process is interrupted. */
  readonly signal?: AbortSignal
  /** Called after each build with its duration, for tests and the benchmark. */
  readonly onBuild?: (milliseconds: number) => void
}

/**
 * Reconnecting listener for build events; it reloads the page after each successful rebuild,
 * and marks the page (`data-dev-connected`) once it listens, for tests and the benchmark.
 */
const reloadScript = `// Development only: reload when the site is rebuilt.
const events = new EventSource(new URL('../__dev/events', import.meta.url))
events.addEventListener('open', () => (document.documentElement.dataset.devConnected = 'true'))
events.addEventListener('reload', () => window.location.reload())
`

/**
 * Builds the site, serves it on 127.0.0.1, and on every change under the content
 * folder or to a locale beside it (`../locales`) validates and rebuilds it, then
 * tells open pages to reload. A change with problems prints them and keeps serving
 * the last good site.
 *
 * @param options Folders, port and an optional stop signal.
 * @param io Output streams and working folder.
 */
export async function devCommand(options: DevCommandOptions, io: CliIo): Promise<number> {
  const contentDir = resolve(io.cwd, options.dir)
  const outDir = resolve(io.cwd, options.out)
  const clients = new Set<ServerResponse>()
  const extraAssets = new Map([['assets/dev-reload.js', reloadScript]])
  const files = new Map([[outputMarkerName, outputMarker('dev')]])
  // Translators preview their locale: its manifest, UI strings and pages rebuild the site too.
  const localesDir = localesBeside(contentDir)
  await prepareOutputFolders([{dir: outDir, option: '--out', kind: 'dev'}], {cwd: io.cwd, content: contentDir, locales: localesDir})

  let baseUrl = ''
  // Between rebuilds the server keeps what it loaded and rendered: a saved page is parsed,
  // validated and rendered again with the pages that show it (in every language), and only the
  // files that changed are written. A change to anything else (a manifest, site or locale
  // settings, UI strings, releases) renders everything again from a fresh load.
  let cache = createLoadCache()
  let rendered: RenderedSite | undefined
  let languageNames: LanguageNameFonts | undefined
  let written: ReadonlyMap<string, string | Uint8Array> | undefined
  let fullPending = true
  /** A rendering whose changed search indexes are not built yet. */
  let searchPending: RenderedSite | undefined
  let searchTimer: NodeJS.Timeout | undefined
  /** Builds the pending search indexes, queues writing them and returns them by site path. */
  const completeSearch = (): ReadonlyMap<string, string> => {
    const site = searchPending
    searchPending = undefined
    clearTimeout(searchTimer)
    const built = site?.completeSearchIndexes() ?? new Map<string, string>()
    if (site && built.size > 0) {
      const before = written ?? new Map()
      const after = new Map(site.files)
      written = after
      running = running.then(() => updateFolderInPlace(outDir, before, after)).catch((caught: unknown) => {
        const error = fromSystemError(caught, io.cwd) ?? caught
        io.stderr.write(`error: ${error instanceof MlTop10Error ? `${error.message}\n  hint: ${error.hint}` : String(error)}\n`)
      })
    }
    return built
  }

  /** Builds once; the exit code the first build would end `dev` with (0 when it worked). */
  const rebuild = async (): Promise<number> => {
    const started = performance.now()
    // The next rendering builds again whatever search index is still pending.
    searchPending = undefined
    clearTimeout(searchTimer)
    const full = fullPending || rendered === undefined
    // A change during this build schedules another; a full one that fails stays pending.
    fullPending = false
    let site: RenderedSite | undefined
    try {
      if (full) cache = createLoadCache()
      const {editions, site: settings, ok: editionsOk} = await loadEditions(contentDir, io, cache)
      const {locales, ok: localesOk} = editionsOk ? await loadLocalesFor(undefined, contentDir, editions, io, {cache}) : {locales: [], ok: false}
      if (!editionsOk || !localesOk) {
        io.stderr.write('dev: fix the problems above; still serving the last good build\n')
        return exitCodes.contentErrors
      }
      const languages = publicationLanguages(editions, locales)
      // Cut again only when the languages changed (a full rebuild); the subsets are cached anyway.
      if (full) languageNames = await languageNameFonts(languages.map((language) => language.locale))
      site = renderSite({languages, baseUrl, extraAssets, files, repository: settings.repository, languageNames}, {previous: full ? undefined : rendered, deferSearchIndexes: true})
      rendered = site
      if (site.problems.length > 0) throw brokenLinksError(site.problems)
      if (written) await updateFolderInPlace(outDir, written, site.files)
      else await writeFolderAtomically(outDir, site.files)
      written = new Map(site.files)
    } catch (caught) {
      // A full or read-only disk during a rebuild is reported like a broken link: the server keeps going.
      const error = fromSystemError(caught, io.cwd) ?? caught
      if (!(error instanceof MlTop10Error)) throw error
      io.stderr.write(`error: ${error.message}\n  hint: ${error.hint}\n`)
      return error.exitCode
    } finally {
      if (full && !site) fullPending = true
    }
    const elapsed = performance.now() - started
    options.onBuild?.(elapsed)
    io.stdout.write(`dev: built in ${Math.round(elapsed)} ms (${full ? 'all' : site.rendered} of ${site.pages} pages rendered)\n`)
    for (const client of clients) client.write('event: reload\ndata: {}\n\n')
    // Building a search index takes longer than the page: it waits until search asks for it, or the reload is served.
    searchPending = site
    searchTimer = setTimeout(() => completeSearch(), 1000)
    return exitCodes.ok
  }

  const server = await serveSite({
    dir: outDir,
    port: options.port,
    handle(request, response) {
      if (searchPending && request.url?.includes('search-index.json')) {
        const text = completeSearch().get(new URL(request.url, 'http://localhost/').pathname.slice(1))
        if (text !== undefined) {
          response.writeHead(200, {'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store'}).end(text)
          return true
        }
      }
      if (!request.url?.endsWith('/__dev/events')) return false
      response.writeHead(200, {'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive'})
      response.write(': connected\n\n')
      clients.add(response)
      request.on('close', () => clients.delete(response))
      return true
    }
  })
  baseUrl = server.url
  const first = await rebuild()
  if (first !== exitCodes.ok) {
    await server.close()
    return first
  }
  const watchLocales = existsSync(localesDir)
  io.stdout.write(`dev: serving ${relative(io.cwd, outDir) || '.'} at ${server.url} (watching ${relative(io.cwd, contentDir) || '.'}${watchLocales ? ` and ${relative(io.cwd, localesDir)}` : ''}; Ctrl+C stops)\n`)

  let timer: NodeJS.Timeout | undefined
  let running: Promise<unknown> = Promise.resolve()
  /** @param page Whether the change is to a page (Markdown) only; anything else renders everything again. */
  const schedule = (page: boolean) => {
    if (!page) fullPending = true
    clearTimeout(timer)
    // Editors write a file in several steps: wait for them to settle, and never build twice at once.
    timer = setTimeout(() => {
      running = running.then(rebuild)
    }, 30)
  }
  const watchers = [
    watch(contentDir, {recursive: true}, (_event, file) => {
      if (!file) schedule(false)
      else if (/\.(md|ya?ml)$/.test(file)) schedule(/^editions[/\\][^/\\]+[/\\][^/\\]+\.md$/.test(file))
    })
  ]
  if (watchLocales) {
    watchers.push(
      watch(localesDir, {recursive: true}, (_event, file) => {
        if (!file) schedule(false)
        else if (/^[^/\\]+[/\\](locale\.yaml|ui\.json|editions[/\\].+\.md)$/.test(file)) schedule(/\.md$/.test(file))
      })
    )
  }

  await new Promise<void>((resolveStop) => {
    const stop = () => resolveStop()
    options.signal?.addEventListener('abort', stop, {once: true})
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  })
  clearTimeout(timer)
  for (const watcher of watchers) watcher.close()
  await running
  // Leave the folder complete: the search indexes still pending too.
  completeSearch()
  await running
  for (const client of clients) client.end()
  await server.close()
  return exitCodes.ok
}
