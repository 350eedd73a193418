export {createTranslator, englishStrings, type Translator, type TranslatorOptions, type UiStrings} from './translator.js'
