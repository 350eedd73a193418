import {relative} from 'node:path'
import {exitCodes, formatReport, MlTop10Error} from '@mltop10/core'
import type {CliIo} from '../run-cli.js'
import {englishDiff} from './english-diff.js'
import {loadEditions} from './load-editions.js'
import {isTranslatorDetail, loadLocalesFor} from './load-locales.js'

/** Options of the i18n status command. */
export interface StatusCommandOptions {
  /** Content folder. */
  readonly dir: string
  readonly locales: string | undefined
  /** Only these locales (all when empty). */
  readonly only: readonly string[]
  /** Print JSON for machines instead of the table. */
  readonly json: boolean
}

/**
 * Reports, per locale and edition, how many pages are translated, outdated or
 * missing and how many UI strings are translated; then, for the translator,
 * every untranslated UI string, and for each outdated page how it differs from
 * the English page and the changes to its English source since the version it
 * was translated from.
 *
 * @param options Content and locales folders, which locales, output format.
 * @param io Output streams and working folder.
 */
export async function i18nStatusCommand(options: StatusCommandOptions, io: CliIo): Promise<number> {
  const quiet: CliIo = {...io, stdout: {write: () => true}, stderr: {write: () => true}}
  const {editions, contentDir, ok} = await loadEditions(options.dir, options.json ? quiet : io)
  if (!ok) return exitCodes.contentErrors
  const {locales: all, files, ok: localesOk} = await loadLocalesFor(options.locales, contentDir, editions, options.json ? quiet : {...io, stdout: quiet.stdout})
  const unknown = options.only.filter((code) => !all.some((locale) => locale.manifest.code === code))
  if (unknown.length > 0) throw new MlTop10Error(`No locale ${unknown.map((code) => `\`${code}\``).join(', ')}`, `Locales are folders under locales/: ${all.map((locale) => locale.manifest.code).join(', ') || 'none yet (pnpm locale:add <code>)'}`)
  const locales = options.only.length === 0 ? all : all.filter((locale) => options.only.includes(locale.manifest.code))
  const detailOf = (path: string | undefined) => formatReport(files.filter((file) => file.path === path), {cwd: io.cwd, filter: isTranslatorDetail, hints: false})
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
        outdated: localized.pages
          .filter((page) => page.state === 'outdated')
          .map((page) => ({page: page.name, file: relative(io.cwd, page.path!), differences: detailOf(page.path).split('\n').filter(Boolean), englishChanges: englishDiff(page.englishPath, page.sourceHash!, io.cwd)})),
        missing: localized.pages.filter((page) => page.state === 'missing').map((page) => page.name)
      }
    })
  )
  if (options.json) {
    io.stdout.write(`${JSON.stringify({locales: report}, null, 2)}\n`)
    return localesOk ? exitCodes.ok : exitCodes.contentErrors
  }
  const rows = [['locale', 'edition', 'translated', 'outdated', 'missing', 'UI strings', 'complete'], ...report.map((row) => [`${row.locale} (${row.name})`, row.edition, String(row.pages.translated), String(row.pages.outdated), String(row.pages.missing), `${row.ui.translated}/${row.ui.total}`, `${row.complete}%`])]
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)))
  for (const row of rows) io.stdout.write(`${row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd()}\n`)
  const shownUi = new Set<string>()
  for (const row of report) {
    if (row.ui.missing.length > 0 && !shownUi.has(row.locale)) {
      shownUi.add(row.locale)
      io.stdout.write(`\n${row.locale}: ${row.ui.missing.length} UI strings in English (translate them in locales/${row.locale}/ui.json from packages/i18n/strings/en.json): ${row.ui.missing.join(', ')}\n`)
    }
    if (row.missing.length > 0) io.stdout.write(`\n${row.locale} ${row.edition}: shown in English (start one with pnpm translate ${row.locale} <page>): ${row.missing.join(', ')}\n`)
    for (const outdated of row.outdated) {
      io.stdout.write(`\n${row.locale} ${row.edition}: ${outdated.file} is outdated (update it, then pnpm translate ${row.locale} ${outdated.page} --accept)\n`)
      if (outdated.differences.length > 0) io.stdout.write(`How it differs from the English page now:\n${outdated.differences.map((line) => `  ${line}`).join('\n')}\n`)
      io.stdout.write(`English changes since its translation:\n${outdated.englishChanges}\n`)
    }
  }
  return localesOk ? exitCodes.ok : exitCodes.contentErrors
}
