import {relative} from 'node:path'
import type {Element, Root} from 'hast'
import {visit} from 'unist-util-visit'
import {parseDocumentLink} from '@mltop10/core'
import type {BodyContext} from '../body-context.js'
import {markExternal} from '../external-link.js'

/**
 * Rewrites links between documents (`ML02-data-poisoning-attack.md#description`)
 * into the output's hrefs, marks glossary terms and cross-references, and marks
 * external links (with a hidden "(external link)" for screen readers). Each
 * rewritten link is reported with its source position, for the link checker.
 *
 * @param tree hast of one document, after sanitising.
 * @param context How hrefs are made, the UI strings, and who is told of links.
 * @param document Name of the document being rendered (for same-page anchors) and its source path.
 */
export function rewriteContentLinks(tree: Root, context: BodyContext, document: {readonly name: string; readonly path: string}): void {
  const source = relative(process.cwd(), document.path)
  visit(tree, 'element', (node: Element) => {
    if (node.tagName !== 'a' || typeof node.properties['href'] !== 'string') return
    const href = node.properties['href']
    let target: string | undefined
    const link = parseDocumentLink(href)
    if (href.startsWith('#')) {
      target = context.href(document.name, decodeURIComponent(href.slice(1)))
    } else if (link) {
      target = context.href(link.document, link.anchor)
      node.properties['className'] = [link.document === 'glossary' ? 'glossary-term' : /^ML\d/i.test(link.document) ? 'xref' : 'page-link']
    } else if (/^https?:/i.test(href)) {
      markExternal(node, context.t('site.externalLink'))
    }
    if (target === undefined) return
    node.properties['href'] = target
    const start = node.position?.start
    context.onLink?.(target, `${source}:${start?.line ?? 1}:${start?.column ?? 1}`)
  })
}
