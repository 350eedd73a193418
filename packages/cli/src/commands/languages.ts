import {artifactNames, type Edition} from '@mltop10/core'
import {editionSchema, exportEdition, toCsv} from '@mltop10/export'
import {sourceLanguage, type Language, type Locale} from '@mltop10/i18n'

/** Every language of the publication, English first, as the site, the PDFs and the exports take them. */
export function publicationLanguages(editions: readonly Edition[], locales: readonly Locale[]): Language[] {
  return [sourceLanguage(editions), ...locales]
}

/**
 * The data exports of every edition in every language: the JSON Schema, and
 * for each edition and language its JSON and CSV, by file name.
 */
export function dataExports(languages: readonly Language[]): {schema: string; files: {json: {name: string; text: string}; csv: {name: string; text: string}}[]} {
  return {
    schema: `${JSON.stringify(editionSchema, null, 2)}\n`,
    files: languages.flatMap((language) =>
      [...language.editions.values()].map((localized) => {
        const exported = exportEdition(localized)
        const names = (format: 'json' | 'csv') => artifactNames.data(localized.edition.manifest.edition, localized.locale.code, format)
        return {json: {name: names('json'), text: `${JSON.stringify(exported, null, 2)}\n`}, csv: {name: names('csv'), text: toCsv(exported)}}
      })
    )
  }
}
