export {loadLocales, sourceLanguage, type Language, type LoadLocalesOptions, type LoadLocalesResult, type Locale} from './load-locales.js'
export {checkLocaleCode, scriptDirection, scriptOf, type LocaleManifest} from './locale-manifest.js'
export {createTranslator, englishStrings, type Translator, type TranslatorOptions, type UiStrings} from './translator.js'
export type {UiCoverage} from './ui-strings.js'
