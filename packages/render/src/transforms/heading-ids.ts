import type {Element, Root} from 'hast'
import {visit} from 'unist-util-visit'

/**
 * Gives every `h2`-`h6` its anchor from the content model, in document order:
 * the same anchors links were validated against, and, for a translated page,
 * the English ones.
 *
 * @param tree hast of a page body, after sanitising.
 * @param ids Anchors of the headings in document order (`EditionDocument.headingIds`).
 * @param idPrefix Prefix of every id (empty on the site).
 */
export function addHeadingIds(tree: Root, ids: readonly string[], idPrefix = ''): void {
  let index = 0
  visit(tree, 'element', (node: Element) => {
    if (!/^h[2-6]$/.test(node.tagName)) return
    const id = ids[index++]
    if (id !== undefined) node.properties['id'] = `${idPrefix}${id}`
  })
}
