import type {Edition, PageState, SiteConfig} from '@mltop10/core'
import type {Translator} from '@mltop10/i18n'
import type {Routes} from './routes.js'

/** A link made from content, remembered so a broken one can be traced to its source. */
export interface LinkSource {
  /** Site path of the page that holds the link. */
  readonly page: string
  readonly href: string
  /** `file:line:column` of the Markdown link. */
  readonly source: string
}

/** A language the site is published in. */
export interface SiteLanguage {
  /** BCP 47 code; also the first part of its URLs. */
  readonly code: string
  readonly nativeName: string
}

/** What every renderer of one edition in one locale needs. Built once per edition and locale. */
export interface RenderContext {
  readonly edition: Edition
  readonly t: Translator['t']
  readonly translator: Translator
  readonly routes: Routes
  /** Absolute base URL of the site, ending with `/`. */
  readonly baseUrl: string
  /** Links made from content, filled while rendering. */
  readonly linkSources: LinkSource[]
  /** Every language of the site, English first, for the language switcher and alternates. */
  readonly languages: readonly SiteLanguage[]
  /** State of each page in this locale (English: all `source`). */
  readonly pageStates: ReadonlyMap<string, PageState>
  /** Every edition published in this locale, oldest first, with the names of its pages. */
  readonly editions: readonly {readonly name: string; readonly pages: ReadonlySet<string>}[]
  /** For a translated page, the hash of the English source it records, by page name. */
  readonly sourceHashes: ReadonlyMap<string, string>
  /** The repository of the content, for edit and report links, when configured. */
  readonly repository: SiteConfig['repository']
  /** The edition's PDF in this locale: site path and size, when one was built. */
  readonly pdf: {readonly path: string; readonly bytes: number} | undefined
  /** The edition's EPUB in this locale: site path and size, when one was built. */
  readonly epub: {readonly path: string; readonly bytes: number} | undefined
  /** Whether the site has the language switcher's fonts (`languageNameFonts`). */
  readonly languageNames: boolean
  /** The edition's one-page summary sheet in this locale: site path and size, when one was built. */
  readonly summary: {readonly path: string; readonly bytes: number} | undefined
}
