import type {Element, Root} from 'hast'
import {toString} from 'hast-util-to-string'
import MiniSearch, {type Options} from 'minisearch'
import {relativeUrl} from './routes.js'
import {searchTokens} from './search-tokens.js'

/** One searchable unit: a section of a page, or a glossary term. */
export interface SearchEntry {
  /** Site path with fragment, such as `en/2023/glossary/#overfitting`. */
  readonly path: string
  readonly title: string
  /** The page the entry belongs to. */
  readonly page: string
  readonly text: string
}

/** Options shared by the build and the browser: the browser loads the index with them, adding the same tokenizer. */
const searchOptions = {
  idField: 'id',
  fields: ['title', 'page', 'text'],
  storeFields: ['title', 'page', 'url', 'excerpt']
} as const satisfies Options

/**
 * Splits a rendered page body into search entries at its `<section>`s.
 *
 * @param body Content of the page (after `wrapSections`).
 * @param folder Folder of the page.
 * @param pageTitle Title of the page.
 */
export function collectSearchEntries(body: Root, folder: string, pageTitle: string): SearchEntry[] {
  const entries: SearchEntry[] = []
  const intro: string[] = []
  for (const node of body.children) {
    if (node.type !== 'element' || node.tagName !== 'section') {
      intro.push(blockText(node))
      continue
    }
    // A section is one entry up to its first <h3>; each <h3> (a scenario) starts its own.
    let current: {heading: Element | undefined; text: string[]} = {heading: undefined, text: []}
    const flush = () => {
      const heading = current.heading
      if (!heading) return
      entries.push({path: `${folder}#${String(heading.properties['id'] ?? '')}`, title: toString(heading), page: pageTitle, text: current.text.join(' ')})
    }
    for (const child of node.children) {
      if (child.type === 'element' && /^h[23]$/.test(child.tagName)) {
        flush()
        current = {heading: child, text: []}
      } else {
        current.text.push(blockText(child))
      }
    }
    flush()
  }
  const introText = intro.join(' ').trim()
  if (introText !== '' || entries.length === 0) entries.unshift({path: folder, title: pageTitle, page: pageTitle, text: introText})
  return entries
}

/**
 * Builds the serialised MiniSearch index of one edition and locale, with URLs
 * relative to the search page.
 *
 * @param entries Search entries of every page.
 * @param searchFolder Folder of the search page.
 * @param locale Language of the entries, for splitting them into terms.
 */
export function buildSearchIndex(entries: readonly SearchEntry[], searchFolder: string, locale: string): string {
  const search = new MiniSearch({...searchOptions, tokenize: (text) => searchTokens(text, locale)})
  search.addAll(
    entries.map((entry, id) => ({
      id,
      title: entry.title,
      page: entry.page,
      text: entry.text,
      url: relativeUrl(searchFolder, entry.path),
      excerpt: excerpt(entry.text)
    }))
  )
  return JSON.stringify({options: searchOptions, locale, index: search})
}

/** Elements whose text is a block of its own: their neighbours' words must not run into theirs. */
const blocks = new Set(['p', 'li', 'td', 'th', 'tr', 'dt', 'dd', 'div', 'section', 'table', 'caption', 'figcaption', 'blockquote', 'pre', 'ul', 'ol', 'dl', 'h1', 'h2', 'h3', 'h4', 'br'])

/** The text of a node with a space between blocks (table cells, list items), so snippets read "ML02 Factor Score", not "ML02FactorScore". */
function blockText(node: Root['children'][number]): string {
  if (node.type === 'text') return node.value
  if (node.type !== 'element') return ''
  const inner = node.children.map((child) => blockText(child as Root['children'][number])).join('')
  return blocks.has(node.tagName) ? ` ${inner} ` : inner
}

function excerpt(text: string): string {
  const clean = text.replace(/\s+/g, ' ').trim()
  return clean.length > 200 ? `${clean.slice(0, 200).replace(/\s\S*$/, '')}…` : clean
}
