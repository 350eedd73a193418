export {loadLocales, type LoadLocalesResult, type Locale, type LocalizedEdition, type PageStatus} from './load-locales.js'
export {checkLocaleCode, type LocaleManifest} from './locale-manifest.js'
export {createTranslator, englishStrings, type Translator, type TranslatorOptions, type UiStrings} from './translator.js'
export type {UiCoverage} from './ui-strings.js'
