import type {Element, Root} from 'hast'
import GithubSlugger from 'github-slugger'
import {toString} from 'hast-util-to-string'
import {visit} from 'unist-util-visit'

/**
 * Gives every `h2`-`h6` the GitHub-style slug of its text as id: the same anchors
 * the content model validated links against.
 *
 * @param tree hast of a page body, after sanitising.
 * @param idPrefix Prefix of every id (empty on the site).
 */
export function addHeadingIds(tree: Root, idPrefix = ''): void {
  const slugger = new GithubSlugger()
  visit(tree, 'element', (node: Element) => {
    if (/^h[2-6]$/.test(node.tagName)) node.properties['id'] = `${idPrefix}${slugger.slug(toString(node))}`
  })
}
