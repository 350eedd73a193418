import type {Edition} from '@mltop10/core'
import {editionSchema, exportEdition, toCsv} from '@mltop10/export'
import type {Locale} from '@mltop10/i18n'
import type {SiteLocale} from '@mltop10/site'

/** The locales as the site build takes them. */
export function siteLocales(locales: readonly Locale[]): SiteLocale[] {
  return locales.map((locale) => ({translator: locale.translator, nativeName: locale.manifest.nativeName, editions: locale.editions, ui: locale.ui}))
}

/**
 * The data exports of every edition in English and in every locale: the JSON
 * Schema, and for each edition and locale its JSON and CSV.
 */
export function dataExports(editions: readonly Edition[], locales: readonly Locale[]): {schema: string; files: {edition: string; locale: string; json: string; csv: string}[]} {
  const entries = [
    ...editions.map((edition) => ({edition, locale: 'en', pageStates: undefined})),
    ...locales.flatMap((locale) => [...locale.editions.values()].map((localized) => ({edition: localized.edition, locale: locale.manifest.code, pageStates: new Map(localized.pages.map((page) => [page.name, page.state]))})))
  ]
  return {
    schema: `${JSON.stringify(editionSchema, null, 2)}\n`,
    files: entries.map(({edition, locale, pageStates}) => {
      const exported = exportEdition(edition, {locale, pageStates})
      return {edition: edition.manifest.edition, locale, json: `${JSON.stringify(exported, null, 2)}\n`, csv: toCsv(exported)}
    })
  }
}
