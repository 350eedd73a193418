import {posix} from 'node:path'

/**
 * Where pages live. Every path is relative to the site root and uses `/`;
 * a page's folder ends with `/` and holds its `index.html`.
 */
export interface Routes {
  readonly locale: string
  readonly edition: string
  /** Folder of the edition in this locale, such as `en/2023/`. */
  readonly root: string
  /** Folder of a document's page, from its name: `ML01-input-manipulation-attack` -> `en/2023/ml01-input-manipulation-attack/`. */
  page(name: string): string
  /** Folder of a page at a risk's former slug. */
  former(id: string, slug: string): string
  readonly home: string
  readonly search: string
  readonly searchIndex: string
  /** The list of every page, published when the navigation cannot show them all. */
  readonly contents: string
  /** The mappings matrix: every risk against every catalogue. */
  readonly mappings: string
  /** The state of every translated page, published when the site has more than one language. */
  readonly translations: string
}

/**
 * Creates the routes of one edition in one locale. URLs leave room for both, so
 * later editions and translated editions plug in without moving pages.
 *
 * @param locale BCP 47 code, such as `en`.
 * @param edition Edition name, such as `2023`.
 */
export function createRoutes(locale: string, edition: string): Routes {
  const root = `${localeRoot(locale)}${edition}/`
  return {
    locale,
    edition,
    root,
    page: (name) => `${root}${name.toLowerCase()}/`,
    former: (id, slug) => `${root}${id.toLowerCase()}-${slug}/`,
    home: root,
    search: `${root}search/`,
    searchIndex: `${root}search-index.json`,
    contents: `${root}contents/`,
    mappings: `${root}mappings/`,
    translations: `${root}translations/`
  }
}

/**
 * Folder of a locale, which holds its editions: `en` -> `en/`.
 *
 * @param locale BCP 47 code.
 */
export function localeRoot(locale: string): string {
  return `${locale.toLowerCase()}/`
}

/**
 * Folder that redirects to a locale's latest edition, a stable address
 * whichever edition that is: `en` -> `en/latest/`.
 *
 * @param locale BCP 47 code.
 */
export function latestRoot(locale: string): string {
  return `${localeRoot(locale)}latest/`
}

/**
 * The same folder in another locale: `en/2023/ml01-.../` in `es` is
 * `es/2023/ml01-.../`.
 *
 * @param folder Folder of a page.
 * @param from Locale of that page.
 * @param to Locale to move it to.
 * @returns `undefined` for a folder outside `from` (the root, 404).
 */
export function localizedFolder(folder: string, from: string, to: string): string | undefined {
  const own = localeRoot(from)
  if (!folder.startsWith(own)) return undefined
  return `${localeRoot(to)}${folder.slice(own.length)}`
}

/** Path of a page folder's HTML file. */
export function fileOf(folder: string): string {
  return folder.endsWith('/') || folder === '' ? `${folder}index.html` : folder
}

/**
 * A relative URL from one page folder to a site path, so the site works under
 * any base path and from any static file server.
 *
 * @param fromFolder Folder of the page that holds the link (`''` for the root).
 * @param to Site path, with an optional `#fragment`.
 */
export function relativeUrl(fromFolder: string, to: string): string {
  const hash = to.indexOf('#')
  const path = hash === -1 ? to : to.slice(0, hash)
  const fragment = hash === -1 ? '' : to.slice(hash)
  if (path === '' || path === fromFolder) return fragment || './'
  let relative = posix.relative(`/${fromFolder}`, `/${path}`)
  if (path.endsWith('/')) relative += '/'
  if (!relative.startsWith('.')) relative = `./${relative}`
  return `${relative}${fragment}`
}
