import {fileURLToPath} from 'node:url'
import {loadEdition, type Edition} from '@mltop10/core'
import {loadLocales, sourceLanguage, type Language} from '@mltop10/i18n'

/** The repository's content and locales, loaded through the packages' public APIs as the build does. */
export async function loadRealLanguages(): Promise<Language[]> {
  const result = await loadEdition(fileURLToPath(new URL('../../../content/editions/2023/', import.meta.url)))
  if (!result.edition) throw new Error('The repository edition does not load: run pnpm check')
  const edition: Edition = result.edition
  const locales = await loadLocales(fileURLToPath(new URL('../../../locales/', import.meta.url)), [edition])
  if (locales.errorCount > 0) throw new Error('The repository locales do not load: run pnpm check')
  return [sourceLanguage([edition]), ...locales.locales]
}
