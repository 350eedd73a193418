import {dirname} from 'node:path'
import type {VFile} from 'vfile'
import {z} from 'zod'
import {loadDataFile, report} from '@mltop10/core'

/** A locale's manifest, `locales/<code>/locale.yaml`. */
export interface LocaleManifest {
  /** BCP 47 code, canonical form, equal to the folder name. */
  readonly code: string
  /** Name of the language in English. */
  readonly name: string
  /** Name of the language in itself. */
  readonly nativeName: string
  readonly dir: 'ltr' | 'rtl'
  /** Locales to try before English, such as `[pt]` for `pt-BR`. */
  readonly fallback: readonly string[]
}

const schema = z.strictObject({
  code: z.string(),
  name: z.string().trim().min(1),
  nativeName: z.string().trim().min(1),
  dir: z.enum(['ltr', 'rtl']),
  fallback: z.array(z.string()).default([])
})

/** The language of the canonical text in content/. */
const sourceLocale = 'en'

// Scripts written right to left, by their ISO 15924 code.
const rightToLeftScripts = new Set(['Arab', 'Hebr', 'Thaa', 'Syrc', 'Nkoo', 'Adlm', 'Rohg'])

/**
 * The script a language is written in, as an ISO 15924 code, also when the code
 * leaves it implicit: `ja` -> `Jpan`, `ar` -> `Arab`, `uz-Arab` -> `Arab`.
 *
 * @param code A valid BCP 47 code.
 */
export function scriptOf(code: string): string {
  return new Intl.Locale(code).maximize().script ?? 'Latn'
}

/**
 * The direction of a language's script, from its code (`ar` -> `rtl`).
 *
 * @param code A valid BCP 47 code.
 */
export function scriptDirection(code: string): 'ltr' | 'rtl' {
  return rightToLeftScripts.has(scriptOf(code)) ? 'rtl' : 'ltr'
}

/**
 * Checks a locale code: safe as a folder and URL part, well-formed BCP 47 in
 * canonical case, a language the platform knows, and not English itself.
 *
 * @param code The code to check.
 * @returns What is wrong and how to fix it, or `undefined` when the code is good.
 */
export function checkLocaleCode(code: string): {reason: string; hint: string} | undefined {
  if (!/^[A-Za-z\d]+(?:-[A-Za-z\d]+)*$/.test(code)) return {reason: `Locale code \`${code}\` is not a BCP 47 code`, hint: 'Use letters, digits and hyphens only, such as es, pt-BR or zh-Hant'}
  let canonical: string
  try {
    canonical = Intl.getCanonicalLocales(code)[0]!
  } catch {
    return {reason: `Locale code \`${code}\` is not a valid BCP 47 code`, hint: 'Use a language, then optional script and region: es, pt-BR, zh-Hant'}
  }
  if (canonical !== code) return {reason: `Locale code \`${code}\` is not in canonical form`, hint: `Write it \`${canonical}\``}
  // English is the source, not a translation: a locale `en` would replace the canonical text and
  // UI strings. `en-US` and `en-Latn` mean the same language (they minimize to `en`); a regional
  // variant such as `en-GB` or `en-IN` differs in spelling and usage, and stays legal.
  if (new Intl.Locale(code).minimize().toString() === sourceLocale) return {reason: `Locale code \`${code}\` is English, the language of the source text`, hint: 'Edit English in content/ and packages/i18n/strings/en.json; a locale translates it (a regional variant such as en-GB is allowed)'}
  const known = new Intl.DisplayNames(['en'], {type: 'language', fallback: 'none'}).of(code)
  if (!known || known === code) return {reason: `Locale code \`${code}\` names no known language`, hint: 'Use an ISO 639 language code, such as es, ja or ar'}
  return undefined
}

/**
 * Reads and checks a locale manifest: the code (valid, canonical, the folder's
 * name) and a native name that agrees with it.
 *
 * @param path Absolute path of `locale.yaml`.
 * @param folder Name of the locale's folder.
 */
export async function loadLocaleManifest(path: string, folder: string): Promise<{manifest: LocaleManifest | undefined; file: VFile; locate: (path: readonly PropertyKey[]) => import('unist').Point}> {
  // The locales folder holds the locale's folder: a link leading out of it is refused.
  const {file, data, locate} = await loadDataFile(path, schema, {root: dirname(dirname(path))})
  if (!data) return {manifest: undefined, file, locate}
  const problem = checkLocaleCode(data.code)
  if (problem) {
    report(file, problem.reason, locate(['code']), 'locale-code', problem.hint)
    return {manifest: undefined, file, locate}
  }
  if (data.code !== folder) report(file, `Locale code \`${data.code}\` does not match its folder \`${folder}\``, locate(['code']), 'locale-code', `Rename the folder to \`${data.code}\`, or set \`code: ${folder}\``)
  const expected = new Intl.DisplayNames([data.code], {type: 'language'}).of(data.code)
  if (expected && expected.toLocaleLowerCase(data.code) !== data.nativeName.toLocaleLowerCase(data.code)) {
    report(file, `Native name \`${data.nativeName}\` does not match the code \`${data.code}\``, locate(['nativeName']), 'locale-native-name', `The language of \`${data.code}\` calls itself \`${expected}\``)
  }
  const expectedDir = scriptDirection(data.code)
  if (data.dir !== expectedDir) report(file, `Direction \`${data.dir}\` does not match the script of \`${data.code}\``, locate(['dir']), 'locale-direction', `Set \`dir: ${expectedDir}\``)
  return {manifest: data, file, locate}
}
