import type {ReleaseRecord} from '@mltop10/core'
import type {Translator} from '@mltop10/i18n'

/** What rendering one document's body needs: shared by the site and the print document. */
export interface BodyContext {
  readonly t: Translator['t']
  /**
   * The href of a link to a document of the edition and an optional anchor in it,
   * as it must appear in the output (a page URL on the site, `#id` in print).
   */
  readonly href: (document: string, anchor: string | undefined) => string
  /** Prefix of every id the body gets: empty on the site, the document's name in print. */
  readonly idPrefix: string
  /** Told of every link made from content, with its source position. */
  readonly onLink?: (href: string, source: string) => void
  /** The edition's releases, shown on its changelog page. */
  readonly releases?: readonly ReleaseRecord[]
}
