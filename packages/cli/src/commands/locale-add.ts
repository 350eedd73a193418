import {existsSync} from 'node:fs'
import {mkdir, writeFile} from 'node:fs/promises'
import {join, relative, resolve} from 'node:path'
import {exitCodes, MlTop10Error} from '@mltop10/core'
import {checkLocaleCode, scriptDirection} from '@mltop10/i18n'
import type {CliIo} from '../run-cli.js'

/** Options of the locale-add command. */
export interface LocaleAddOptions {
  readonly code: string
  /** The `locales/` folder. */
  readonly dir: string
  /** Editions to create page folders for. */
  readonly editions: readonly string[]
}

/**
 * Creates a locale: its manifest (names and direction from the code), an empty
 * UI strings file (every string falls back to English until translated) and
 * empty page folders, all inside `locales/<code>/` and nothing elsewhere. The
 * next build publishes it, in English where untranslated.
 *
 * @param options The code, the locales folder and the editions.
 * @param io Output streams and working folder.
 * @throws {MlTop10Error} For an invalid, unsafe or existing code (exit code 2).
 */
export async function localeAddCommand(options: LocaleAddOptions, io: CliIo): Promise<number> {
  const problem = checkLocaleCode(options.code)
  if (problem) throw new MlTop10Error(problem.reason, problem.hint)
  const localesDir = resolve(io.cwd, options.dir)
  const dir = join(localesDir, options.code)
  if (existsSync(dir)) throw new MlTop10Error(`Locale \`${options.code}\` already exists at ${relative(io.cwd, dir)}`, 'Translate its pages and ui.json, or choose another code')
  const locale = new Intl.Locale(options.code)
  const name = new Intl.DisplayNames(['en'], {type: 'language'}).of(options.code)!
  const nativeName = new Intl.DisplayNames([options.code], {type: 'language'}).of(options.code)!
  const dirName = scriptDirection(options.code)
  // A regional variant falls back to its language when that locale exists (pt-BR -> pt).
  const fallback = locale.region && existsSync(join(localesDir, locale.language, 'locale.yaml')) ? [locale.language] : []
  await mkdir(dir, {recursive: true})
  await writeFile(join(dir, 'locale.yaml'), [`code: ${options.code}`, `name: ${name}`, `nativeName: ${nativeName}`, `dir: ${dirName}`, `fallback: [${fallback.join(', ')}]`, ''].join('\n'))
  await writeFile(join(dir, 'ui.json'), '{}\n')
  for (const edition of options.editions) {
    await mkdir(join(dir, 'editions', edition), {recursive: true})
    await writeFile(join(dir, 'editions', edition, '.gitkeep'), '')
  }
  const example = options.editions.length > 0 ? 'introduction' : '<page>'
  io.stdout.write(
    [
      `locale ${options.code} (${nativeName}) created in ${relative(io.cwd, dir)}; the next build publishes it, in English until translated.`,
      `next: translate ${relative(io.cwd, join(dir, 'ui.json'))} (the keys of packages/i18n/strings/en.json, notes in en.description.json),`,
      `start a page with pnpm translate ${options.code} ${example}, and see what is left with pnpm i18n:status ${options.code}.`,
      ''
    ].join('\n')
  )
  return exitCodes.ok
}
