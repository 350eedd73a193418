import {artifactNames, type DataExportKind, type Edition} from '@mltop10/core'
import {checklistCsv, editionSchema, exportEdition, mappingsCsv, toCsv} from '@mltop10/export'
import {sourceLanguage, type Language, type Locale} from '@mltop10/i18n'

/** Every language of the publication, English first, as the site, the PDFs and the exports take them. */
export function publicationLanguages(editions: readonly Edition[], locales: readonly Locale[]): Language[] {
  return [sourceLanguage(editions), ...locales]
}

/** One data file: its name (`artifactNames.data`), its kind and its text. */
export interface DataFile {
  readonly name: string
  readonly kind: DataExportKind
  readonly text: string
}

/**
 * The data exports of every edition in every language: the JSON Schema, and
 * for each edition and language its JSON, the risks, checklist and mappings
 * as CSV.
 */
export function dataExports(languages: readonly Language[]): {schema: string; files: DataFile[]} {
  return {
    schema: `${JSON.stringify(editionSchema, null, 2)}\n`,
    files: languages.flatMap((language) =>
      [...language.editions.values()].flatMap((localized) => {
        const exported = exportEdition(localized)
        const file = (kind: DataExportKind, text: string): DataFile => ({name: artifactNames.data(localized.edition.manifest.edition, localized.locale.code, kind), kind, text})
        return [file('json', `${JSON.stringify(exported, null, 2)}\n`), file('csv', toCsv(exported)), file('checklist', checklistCsv(exported)), file('mappings', mappingsCsv(exported))]
      })
    )
  }
}
