import type {Edition} from '@mltop10/core'
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
}
