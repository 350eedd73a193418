import type {Root as HastRoot} from 'hast'
import type {Root as MdastRoot} from 'mdast'
import rehypeSanitize from 'rehype-sanitize'
import remarkRehype from 'remark-rehype'
import {unified} from 'unified'

const processor = unified().use(remarkRehype).use(rehypeSanitize).freeze()

/**
 * Turns a document's mdast into safe hast: raw HTML is dropped by remark-rehype
 * (it is never passed through), and rehype-sanitize (GitHub's schema) removes
 * event handlers, `javascript:`/`data:` URLs, `<iframe>`, `<object>`, `<embed>`,
 * `<style>`, `<svg>` and prefixes any content `id`/`name` to defeat DOM clobbering.
 * Ids the build itself adds are set after this step. Source positions are kept.
 *
 * @param tree mdast from the content model; it is not modified (mdast-util-to-hast builds new nodes).
 */
export function toSafeHast(tree: MdastRoot): HastRoot {
  return processor.runSync(tree) as HastRoot
}
