import {execFileSync} from 'node:child_process'
import {createHash} from 'node:crypto'
import {readFileSync} from 'node:fs'
import {dirname, relative} from 'node:path'
import {createTwoFilesPatch} from 'diff'
import {exitCodes} from '@mltop10/core'
import type {CliIo} from '../run-cli.js'
import {loadEditions} from './load-editions.js'
import {loadLocalesFor} from './load-locales.js'

/** Options of the i18n status command. */
export interface StatusCommandOptions {
  readonly dir: string
  readonly locales: string | undefined
  /** Print JSON for machines instead of the table. */
  readonly json: boolean
}

/**
 * Reports, per locale and edition, how many pages are translated, outdated or
 * missing and how many UI strings are translated, and for each outdated page the
 * changes to its English source since the version it was translated from.
 *
 * @param options Content and locales folders, output format.
 * @param io Output streams and working folder.
 */
export async function i18nStatusCommand(options: StatusCommandOptions, io: CliIo): Promise<number> {
  const quiet: CliIo = {...io, stdout: {write: () => true}}
  const {editions, contentDir, ok} = await loadEditions(options.dir, options.json ? quiet : io)
  if (!ok) return exitCodes.contentErrors
  const {locales, ok: localesOk} = await loadLocalesFor(options.locales, contentDir, editions, quiet)
  const report = locales.flatMap((locale) =>
    [...locale.editions.entries()].map(([edition, localized]) => {
      const count = (state: string) => localized.pages.filter((page) => page.state === state).length
      const pages = localized.pages.length
      return {
        locale: locale.manifest.code,
        name: locale.manifest.nativeName,
        edition,
        pages: {total: pages, translated: count('translated'), outdated: count('outdated'), missing: count('missing')},
        ui: {total: locale.ui.total, translated: locale.ui.translated, missing: locale.ui.missing},
        complete: Math.round(((count('translated') / pages + locale.ui.translated / locale.ui.total) / 2) * 100),
        outdated: localized.pages.filter((page) => page.state === 'outdated').map((page) => ({page: page.name, file: relative(io.cwd, page.path!), englishChanges: englishDiff(page.englishPath, page.sourceHash!, io.cwd)})),
        missing: localized.pages.filter((page) => page.state === 'missing').map((page) => page.name)
      }
    })
  )
  if (options.json) {
    io.stdout.write(`${JSON.stringify({locales: report}, null, 2)}\n`)
  } else {
    const rows = [['locale', 'edition', 'translated', 'outdated', 'missing', 'UI strings', 'complete'], ...report.map((row) => [`${row.locale} (${row.name})`, row.edition, String(row.pages.translated), String(row.pages.outdated), String(row.pages.missing), `${row.ui.translated}/${row.ui.total}`, `${row.complete}%`])]
    const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)))
    for (const row of rows) io.stdout.write(`${row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd()}\n`)
    for (const row of report) {
      if (row.missing.length > 0) io.stdout.write(`\n${row.locale} ${row.edition}: shown in English: ${row.missing.join(', ')}\n`)
      for (const outdated of row.outdated) io.stdout.write(`\n${row.locale} ${row.edition}: ${outdated.file} is outdated; English changes since its translation:\n${outdated.englishChanges}\n`)
    }
  }
  return localesOk ? exitCodes.ok : exitCodes.contentErrors
}

/**
 * The changes to an English file since the version with a given hash, found in
 * the git history; or a note saying why no diff can be shown.
 */
function englishDiff(path: string, sourceHash: string, cwd: string): string {
  const current = readFileSync(path, 'utf8')
  try {
    const folder = dirname(path)
    const top = execFileSync('git', ['rev-parse', '--show-toplevel'], {cwd: folder, encoding: 'utf8'}).trim()
    const file = relative(top, path)
    const commits = execFileSync('git', ['log', '--format=%H', '--', file], {cwd: top, encoding: 'utf8'}).split('\n').filter(Boolean)
    for (const commit of commits) {
      const old = execFileSync('git', ['show', `${commit}:${file}`], {cwd: top, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024})
      const normalised = old.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n')
      if (createHash('sha256').update(normalised).digest('hex') === sourceHash) {
        return createTwoFilesPatch(`${relative(cwd, path)} (translated from ${commit.slice(0, 12)})`, `${relative(cwd, path)} (now)`, normalised, current, undefined, undefined, {context: 2})
      }
    }
    return `(the version with hash ${sourceHash.slice(0, 12)}... is not in the git history of ${relative(cwd, path)})`
  } catch {
    return '(no git history available to show the changes)'
  }
}
