import {existsSync, watch} from 'node:fs'
import type {ServerResponse} from 'node:http'
import {relative, resolve} from 'node:path'
import {exitCodes, MlTop10Error} from '@mltop10/core'
import {outputMarker, outputMarkerName, prepareOutputFolders} from '@mltop10/output'
import {buildSite, serveSite} from '@mltop10/site'
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

/** Reconnecting listener for build events; it reloads the page after each successful rebuild. */
const reloadScript = `// Development only: reload when the site is rebuilt.
const events = new EventSource(new URL('../__dev/events', import.meta.url))
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
  /** Builds once; the exit code the first build would end `dev` with (0 when it worked). */
  const rebuild = async (): Promise<number> => {
    const started = performance.now()
    try {
      const {editions, site, ok: editionsOk} = await loadEditions(contentDir, io)
      const {locales, ok: localesOk} = editionsOk ? await loadLocalesFor(undefined, contentDir, editions, io) : {locales: [], ok: false}
      if (!editionsOk || !localesOk) {
        io.stderr.write('dev: fix the problems above; still serving the last good build\n')
        return exitCodes.contentErrors
      }
      await buildSite({languages: publicationLanguages(editions, locales), outDir, baseUrl, extraAssets, files, repository: site.repository})
    } catch (caught) {
      // A full or read-only disk during a rebuild is reported like a broken link: the server keeps going.
      const error = fromSystemError(caught, io.cwd) ?? caught
      if (!(error instanceof MlTop10Error)) throw error
      io.stderr.write(`error: ${error.message}\n  hint: ${error.hint}\n`)
      return error.exitCode
    }
    const elapsed = performance.now() - started
    options.onBuild?.(elapsed)
    io.stdout.write(`dev: built in ${Math.round(elapsed)} ms\n`)
    for (const client of clients) client.write('event: reload\ndata: {}\n\n')
    return exitCodes.ok
  }

  const server = await serveSite({
    dir: outDir,
    port: options.port,
    handle(request, response) {
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
  const schedule = () => {
    clearTimeout(timer)
    // Editors write a file in several steps: wait for them to settle, and never build twice at once.
    timer = setTimeout(() => {
      running = running.then(rebuild)
    }, 30)
  }
  const watchers = [
    watch(contentDir, {recursive: true}, (_event, file) => {
      if (file && /\.(md|ya?ml)$/.test(file)) schedule()
    })
  ]
  if (watchLocales) {
    watchers.push(
      watch(localesDir, {recursive: true}, (_event, file) => {
        if (file && /^[^/\\]+[/\\](locale\.yaml|ui\.json|editions[/\\].+\.md)$/.test(file)) schedule()
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
  for (const client of clients) client.end()
  await server.close()
  return exitCodes.ok
}
