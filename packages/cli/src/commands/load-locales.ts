import {existsSync} from 'node:fs'
import {join, resolve} from 'node:path'
import {formatReport, type Edition} from '@mltop10/core'
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

/**
 * Loads and validates every locale, printing each problem with its position and
 * one summary line per locale.
 *
 * @param dir The `locales/` folder; by default the one beside the content folder.
 * @param contentDir The content folder.
 * @param editions The validated English editions.
 * @param io Output streams and working folder.
 */
export async function loadLocalesFor(dir: string | undefined, contentDir: string, editions: readonly Edition[], io: CliIo): Promise<{locales: readonly Locale[]; ok: boolean}> {
  const localesDir = dir === undefined ? localesBeside(contentDir) : resolve(io.cwd, dir)
  if (!existsSync(localesDir)) return {locales: [], ok: true}
  const result = await loadLocales(localesDir, editions)
  const report = formatReport(result.files, {cwd: io.cwd})
  if (report) io.stderr.write(`${report}\n`)
  for (const locale of result.locales) {
    const counts = {translated: 0, outdated: 0, missing: 0}
    for (const localized of locale.editions.values()) for (const page of localized.pages) counts[page.state]++
    io.stdout.write(`locale ${locale.manifest.code}: ${counts.translated} pages translated, ${counts.outdated} outdated, ${counts.missing} in English; ${locale.ui.translated}/${locale.ui.total} UI strings\n`)
  }
  if (result.errorCount > 0) io.stderr.write(`locales: ${result.errorCount} ${result.errorCount === 1 ? 'problem' : 'problems'}\n`)
  return {locales: result.locales, ok: result.errorCount === 0}
}
