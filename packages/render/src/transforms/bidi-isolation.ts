import type {Element, Root} from 'hast'
import {visit} from 'unist-util-visit'

/** Elements whose text is code, identifiers or input: always left to right. */
const leftToRight = new Set(['code', 'pre', 'kbd', 'samp', 'var'])

/**
 * Isolates the runs whose direction may differ from the text around them, so
 * that in a right-to-left page an English link, a code span or an identifier
 * keeps its own order and its neighbours' punctuation stays outside it:
 * code (`code`, `pre`, `kbd`, `samp`, `var`) is left to right, and a link takes
 * the direction of its own text (`dir="auto"`). The `dir` attribute also
 * isolates in HTML (`unicode-bidi: isolate`), in any stylesheet. An element that
 * has a direction keeps it.
 *
 * @param tree hast of a document body, after sanitising, or an element of one.
 */
export function isolateBidiRuns(tree: Root | Element): void {
  visit(tree, 'element', (node: Element) => {
    if (node.properties['dir'] !== undefined) return
    if (leftToRight.has(node.tagName)) node.properties['dir'] = 'ltr'
    else if (node.tagName === 'a') node.properties['dir'] = 'auto'
  })
}
