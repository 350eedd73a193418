import type {Edition} from './types.js'

/**
 * Where a page of an edition stands in a language: `source` is the English
 * text itself; `translated` is up to date with it; `outdated` was translated
 * from an older English text; `missing` is shown in English.
 */
export type PageState = 'source' | 'translated' | 'outdated' | 'missing'

/** A page of a localized edition. */
export interface LocalizedPage {
  readonly name: string
  readonly state: PageState
  /** Hash of the English text the translation was made from, when there is a translation. */
  readonly sourceHash: string | undefined
  /** Hash of the English text now. */
  readonly englishHash: string
  /** Absolute path of the English file, and of the translation when there is one. */
  readonly englishPath: string
  readonly path: string | undefined
}

/** The language an edition is published in. */
export interface LocaleInfo {
  /** BCP 47 code, such as `en`, `es`, `pt-BR`. */
  readonly code: string
  /** Name of the language in itself. */
  readonly nativeName: string
  /** Direction of its script. */
  readonly direction: 'ltr' | 'rtl'
}

/**
 * An edition in one language, as every output (site, PDF, data exports,
 * releases) takes it: the documents to publish (translated where a translation
 * exists, English elsewhere), the language, and the state of every page.
 */
export interface LocalizedEdition {
  readonly edition: Edition
  readonly locale: LocaleInfo
  readonly pages: readonly LocalizedPage[]
}

/** English, the language of the canonical text. */
export const sourceLocale: LocaleInfo = {code: 'en', nativeName: 'English', direction: 'ltr'}

/** The English edition as a localized edition: every page is its own source. */
export function sourceEdition(edition: Edition): LocalizedEdition {
  return {
    edition,
    locale: sourceLocale,
    pages: edition.documents.map((document) => ({name: document.name, state: 'source', sourceHash: undefined, englishHash: document.hash, englishPath: document.path, path: document.path}))
  }
}

/** The state of each page of a localized edition, by page name. */
export function pageStates(localized: LocalizedEdition): ReadonlyMap<string, PageState> {
  return new Map(localized.pages.map((page) => [page.name, page.state]))
}

/** The data files of an edition in one language. */
export type DataExportKind = 'json' | 'csv' | 'checklist' | 'mappings'

/** Names of the files an edition is published as, in one language. */
export const artifactNames = {
  /** The PDF, such as `2023-en.pdf`. */
  pdf: (edition: string, locale: string) => `${edition}-${locale}.pdf`,
  /** The EPUB, such as `2023-en.epub`. */
  epub: (edition: string, locale: string) => `${edition}-${locale}.epub`,
  /** The one-page summary sheet, such as `2023-en-summary.pdf`. */
  summary: (edition: string, locale: string) => `${edition}-${locale}-summary.pdf`,
  /** The data exports: `2023-en.json`, `2023-en.csv` (risks), `2023-en-checklist.csv`, `2023-en-mappings.csv`. */
  data: (edition: string, locale: string, kind: DataExportKind) => (kind === 'json' || kind === 'csv' ? `${edition}-${locale}.${kind}` : `${edition}-${locale}-${kind}.csv`)
} as const
