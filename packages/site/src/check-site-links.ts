import type {Element, Root} from 'hast'
import {visit} from 'unist-util-visit'
import type {LinkSource} from './context.js'
import {fileOf} from './routes.js'

/** A built page to check: where it is, and the ids and links of its tree. */
export interface BuiltPage {
  /** Folder of the page (or file path, for `404.html`). */
  readonly folder: string
  /** Whether its links are root-relative (`/en/2023/...`) from `basePath`. */
  readonly absolute: boolean
  /** Every `id` in the page, in document order (duplicates kept, to report them). */
  readonly ids: readonly string[]
  /** Every internal `href`, `src` and form `action`, in document order. */
  readonly links: readonly string[]
}

/** Options of `checkSiteLinks`. */
export interface CheckSiteLinksOptions {
  /** Every file of the site, by path. */
  readonly files: ReadonlySet<string>
  /** Path of the site root in URLs, such as `/` or `/mltop10/`. */
  readonly basePath: string
  /** Links made from content, to point a broken one at its source. */
  readonly sources: readonly LinkSource[]
}

/**
 * The ids and internal links of a page's tree: all `checkSiteLinks` needs, so the build keeps
 * these instead of every page's tree until all pages are rendered.
 *
 * @param tree The page.
 */
export function collectPageLinks(tree: Root): {ids: string[]; links: string[]} {
  const ids: string[] = []
  const links: string[] = []
  visit(tree, 'element', (node: Element) => {
    const id = node.properties['id']
    if (typeof id === 'string') ids.push(id)
    const attribute = node.tagName === 'form' ? 'action' : node.tagName === 'script' || node.tagName === 'img' ? 'src' : node.tagName === 'a' || node.tagName === 'link' ? 'href' : undefined
    const value = attribute ? node.properties[attribute] : undefined
    if (typeof value !== 'string' || /^[a-z][a-z\d+.-]*:/i.test(value)) return
    if (node.tagName === 'link' && node.properties['rel'] && String(node.properties['rel']).includes('canonical')) return
    links.push(value)
  })
  return {ids, links}
}

/**
 * Checks every internal `href`, `src` and form `action` of the built pages, and
 * every `#fragment`, against the built files and the ids in each page. Also
 * reports duplicate ids. Returns one message per problem (empty when all is well),
 * naming the Markdown source of a link that came from content.
 *
 * @param pages The built pages, with their ids and links from `collectPageLinks`.
 * @param options Built files, base path and link sources.
 */
export function checkSiteLinks(pages: readonly BuiltPage[], options: CheckSiteLinksOptions): string[] {
  const ids = new Map<string, Set<string>>()
  const problems: string[] = []
  for (const page of pages) {
    const seen = new Set<string>()
    for (const id of page.ids) {
      if (seen.has(id)) problems.push(`${fileOf(page.folder)}  error  Duplicate id \`${id}\`  duplicate-id`)
      seen.add(id)
    }
    ids.set(fileOf(page.folder), seen)
  }
  const sourceOf = new Map(options.sources.map((source) => [`${source.page}\u0000${source.href}`, source.source]))
  for (const page of pages) {
    // The same link (the navigation's, the assets') is checked once per page.
    for (const value of new Set(page.links)) {
      const problem = checkOne(value, page, options, ids)
      if (!problem) continue
      const source = sourceOf.get(`${page.folder}\u0000${value}`)
      problems.push(`${source ?? fileOf(page.folder)}  error  ${problem} (on page ${fileOf(page.folder)})  broken-link`)
    }
  }
  return problems
}

function checkOne(value: string, page: BuiltPage, options: CheckSiteLinksOptions, ids: ReadonlyMap<string, ReadonlySet<string>>): string | undefined {
  const base = page.absolute ? new URL(`http://site${options.basePath}`) : new URL(`http://site${options.basePath}${page.folder}`)
  const url = new URL(value, base)
  if (!url.pathname.startsWith(options.basePath)) return `Link \`${value}\` leaves the site`
  let path = decodeURIComponent(url.pathname.slice(options.basePath.length))
  if (path === '' || path.endsWith('/')) path = `${path}index.html`
  if (!options.files.has(path)) return `Link \`${value}\` points to a missing page \`${path}\``
  const fragment = decodeURIComponent(url.hash.slice(1))
  if (fragment && !ids.get(path)?.has(fragment)) return `Link \`${value}\` points to a missing anchor \`#${fragment}\` in \`${path}\``
  return undefined
}
