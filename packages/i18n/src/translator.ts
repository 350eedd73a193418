import {readFileSync} from 'node:fs'
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
  /**
   * Returns the string for a dotted key, interpolated.
   *
   * @throws {MlTop10Error} When no locale in the fallback chain has the key.
   */
  t(key: string, values?: Readonly<Record<string, string | number>>): string
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

/** The English UI strings, the base every locale translates. */
export function englishStrings(): UiStrings {
  english ??= JSON.parse(readFileSync(new URL('../strings/en.json', import.meta.url), 'utf8')) as UiStrings
  return english
}

/**
 * Creates a translator with its own i18next instance (never the global one).
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
  return {
    locale,
    dir: options.dir ?? 'ltr',
    t(key, values) {
      if (!instance.exists(key, values as never)) throw missing(key, locale)
      return String(instance.t(key, values as never))
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
