import {createHash} from 'node:crypto'
import {readFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import {dirname, join} from 'node:path'
import {createInstance, type i18n, type Resource} from 'i18next'
import {MlTop10Error} from '@mltop10/core'

/** A nested object of UI strings, as in `strings/en.json`. */
export interface UiStrings {
  readonly [key: string]: string | UiStrings
}

/** Translates UI keys for one locale. */
export interface Translator {
  readonly locale: string
  /** Text direction of the locale. */
  readonly dir: 'ltr' | 'rtl'
  /** SHA-256 over the locale, its direction, fallback chain and every string: equal fingerprints translate alike. */
  readonly fingerprint: string
  /**
   * Returns the string for a dotted key, interpolated.
   *
   * @throws {MlTop10Error} When no locale in the fallback chain has the key.
   */
  t(key: string, values?: Readonly<Record<string, string | number>>): string
  /**
   * Returns the uninterpolated template of a key, for text filled in later
   * (such as the browser's page numbers in a PDF footer).
   *
   * @throws {MlTop10Error} When no locale in the fallback chain has the key.
   */
  template(key: string): string
  /**
   * Returns the uninterpolated template of a key for every plural category of the
   * locale (`one`, `other`, ...), for text a browser script fills in itself.
   *
   * @throws {MlTop10Error} When no locale in the fallback chain has the key.
   */
  plurals(key: string): Readonly<Record<string, string>>
}

/** Options of `createTranslator`. */
export interface TranslatorOptions {
  /** BCP 47 code. Default: `en`. */
  readonly locale?: string
  /** Strings per locale code; English is always loaded from this package. */
  readonly resources?: Readonly<Record<string, UiStrings>>
  /** Locales to try after `locale`, ending at `en`. Default: `['en']`. */
  readonly fallback?: readonly string[]
  readonly dir?: 'ltr' | 'rtl'
}

let english: UiStrings | undefined

/** This package's folder, found by name so it also works from a bundle of the command line. */
function packageRoot(): string {
  return dirname(createRequire(import.meta.url).resolve('@mltop10/i18n/package.json'))
}

/** The English UI strings, the base every locale translates. */
export function englishStrings(): UiStrings {
  english ??= JSON.parse(readFileSync(join(packageRoot(), 'strings', 'en.json'), 'utf8')) as UiStrings
  return english
}

/**
 * Creates a translator with its own i18next instance (never the global one).
 * Only `{{placeholders}}` are filled in; i18next's nesting (`$t(key, options)`)
 * is off, so a string can neither include another nor set its values.
 *
 * @param options Locale, its strings and fallback chain.
 */
export function createTranslator(options: TranslatorOptions = {}): Translator {
  const locale = options.locale ?? 'en'
  const resources: Resource = {en: {translation: englishStrings() as never}}
  for (const [code, strings] of Object.entries(options.resources ?? {})) resources[code] = {translation: strings as never}
  const instance: i18n = createInstance()
  void instance.init({
    lng: locale,
    fallbackLng: [...(options.fallback ?? []), 'en'],
    resources,
    initAsync: false,
    interpolation: {escapeValue: false},
    returnNull: false,
    showSupportNotice: false
  } as never)
  // A build asks for the same strings thousands of times; i18next resolves each call afresh.
  const cache = new Map<string, string>()
  return {
    locale,
    dir: options.dir ?? 'ltr',
    get fingerprint() {
      return createHash('sha256').update(JSON.stringify([locale, options.dir ?? 'ltr', options.fallback ?? [], resources])).digest('hex')
    },
    t(key, values) {
      const cacheKey = values ? `${key}\u0000${JSON.stringify(values)}` : key
      const cached = cache.get(cacheKey)
      if (cached !== undefined) return cached
      if (!instance.exists(key, values as never)) throw missing(key, locale)
      // Strings are text, never code: `$t(...)` in a translation would pull in other strings
      // (with forged values, or recursively until the build runs out of memory or stack).
      const text = String(instance.t(key, {...values, nest: false} as never))
      cache.set(cacheKey, text)
      return text
    },
    template(key) {
      if (!instance.exists(key)) throw missing(key, locale)
      return String(instance.t(key, {skipInterpolation: true} as never))
    },
    plurals(key) {
      const rules = new Intl.PluralRules(locale)
      const templates: Record<string, string> = {}
      for (let count = 0; count < 200 && Object.keys(templates).length < rules.resolvedOptions().pluralCategories.length; count++) {
        const category = rules.select(count)
        if (templates[category] !== undefined) continue
        if (!instance.exists(key, {count} as never)) throw missing(key, locale)
        templates[category] = String(instance.t(key, {count, skipInterpolation: true} as never))
      }
      return templates
    }
  }
}

function missing(key: string, locale: string): MlTop10Error {
  return new MlTop10Error(`Missing UI string \`${key}\` for locale \`${locale}\``, 'Add the key to packages/i18n/strings/en.json (and its translations), or fix the key in the template')
}
