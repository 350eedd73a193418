import {existsSync} from 'node:fs'
import {join, resolve, sep} from 'node:path'
import {formatReport, type Edition, type FormatReportOptions, type LoadCache} from '@mltop10/core'

type VFileMessage = Parameters<NonNullable<FormatReportOptions['filter']>>[0]
type VFile = Parameters<typeof formatReport>[0][number]
import {loadLocales, type Locale} from '@mltop10/i18n'
import type {CliIo} from '../run-cli.js'

/**
 * The `locales/` folder that belongs to a content folder: the one beside it.
 *
 * @param contentDir The content folder.
 */
export function localesBeside(contentDir: string): string {
  return join(contentDir, '..', 'locales')
}

/** Messages a translator reads in `i18n:status`: untranslated strings and how an outdated page differs from English. */
export function isTranslatorDetail(message: VFileMessage): boolean {
  return message.fatal !== true && (message.fatal === undefined || message.ruleId === 'ui-missing-key')
}

/**
 * Loads and validates every locale, printing each problem with its position and
 * one summary line per locale. Untranslated UI strings and the differences of an
 * outdated page from English are not problems: they are counted in the summary
 * line, and listed by `i18n:status` (or here with `detail`).
 *
 * @param dir The `locales/` folder; by default the one beside the content folder.
 * @param contentDir The content folder.
 * @param editions The validated English editions.
 * @param io Output streams and working folder.
 * @param options `detail`: also print what `i18n:status` lists for translators; `cache`: translations of earlier loads (the dev server).
 */
export async function loadLocalesFor(dir: string | undefined, contentDir: string, editions: readonly Edition[], io: CliIo, options: {readonly detail?: boolean; readonly cache?: LoadCache | undefined} = {}): Promise<{locales: readonly Locale[]; files: readonly VFile[]; ok: boolean}> {
  const localesDir = dir === undefined ? localesBeside(contentDir) : resolve(io.cwd, dir)
  if (!existsSync(localesDir)) return {locales: [], files: [], ok: true}
  const {detail = false, cache} = options
  const result = await loadLocales(localesDir, editions, {cache})
  const report = formatReport(result.files, {cwd: io.cwd, filter: (message) => detail || !isTranslatorDetail(message)})
  if (report) io.stderr.write(`${report}\n`)
  for (const locale of result.locales) {
    const counts = {translated: 0, outdated: 0, missing: 0}
    for (const localized of locale.editions.values()) for (const page of localized.pages) if (page.state !== 'source') counts[page.state]++
    const pages = counts.translated + counts.outdated + counts.missing
    const todo = counts.outdated > 0 || counts.missing > 0 || locale.ui.translated < locale.ui.total
    // Pages that use a word the locale's termbase forbids (warnings, listed above with their positions).
    const variants = result.files.filter((file) => file.path.startsWith(`${locale.folder}${sep}`)).flatMap((file) => file.messages).filter((message) => message.ruleId === 'termbase-variant').length
    const terms = locale.termbase ? `; ${variants} ${variants === 1 ? 'term' : 'terms'} off the termbase` : ''
    io.stdout.write(`locale ${locale.manifest.code}: ${counts.translated} of ${pages} pages translated, ${counts.outdated} outdated, ${counts.missing} in English; ${locale.ui.translated} of ${locale.ui.total} UI strings translated${terms}${todo && !detail ? ` (details: pnpm i18n:status ${locale.manifest.code})` : ''}\n`)
  }
  if (result.errorCount > 0) io.stderr.write(`locales: ${result.errorCount} ${result.errorCount === 1 ? 'problem' : 'problems'}\n`)
  return {locales: result.locales, files: result.files, ok: result.errorCount === 0}
}
