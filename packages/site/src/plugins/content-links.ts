import {relative} from 'node:path'
import type {Element, Root} from 'hast'
import {visit} from 'unist-util-visit'
import type {RenderContext} from '../context.js'
import {markExternal} from '../render/external-link.js'
import {relativeUrl} from '../routes.js'

/** Options of `rewriteContentLinks`. */
export interface ContentLinkOptions {
  /** Folder of the page being rendered. */
  readonly page: string
  /** Name of the document being rendered, for same-page anchors. */
  readonly name: string
  /** Absolute path of the source file, for link sources. */
  readonly sourcePath: string
}

const documentLink = /^(?:\.\/)?([A-Za-z\d][\w-]*)\.md(#.*)?$/

/**
 * Rewrites links between documents (`ML02-data-poisoning-attack.md#description`)
 * into relative page URLs, marks glossary terms and cross-references, and marks
 * external links (with a hidden "(external link)" for screen readers). Each
 * rewritten link is remembered with its source position for the link checker.
 *
 * @param tree hast of one document, after sanitising.
 * @param context Render context of the edition.
 * @param options Page and source of the document.
 */
export function rewriteContentLinks(tree: Root, context: RenderContext, options: ContentLinkOptions): void {
  const source = relative(process.cwd(), options.sourcePath)
  visit(tree, 'element', (node: Element) => {
    if (node.tagName !== 'a' || typeof node.properties['href'] !== 'string') return
    const href = node.properties['href']
    const classes: string[] = []
    let target: string | undefined
    const match = documentLink.exec(href)
    if (href.startsWith('#')) {
      target = `${options.page}${href}`
    } else if (match) {
      const name = match[1]!
      target = `${context.routes.page(name)}${match[2] ?? ''}`
      classes.push(name === 'glossary' ? 'glossary-term' : /^ML\d/i.test(name) ? 'xref' : 'page-link')
    } else if (/^https?:/i.test(href)) {
      markExternal(node, context.t('site.externalLink'))
    }
    if (classes.length > 0) node.properties['className'] = classes
    if (target === undefined) return
    const url = relativeUrl(options.page, target)
    node.properties['href'] = url
    const start = node.position?.start
    context.linkSources.push({page: options.page, href: url, source: `${source}:${start?.line ?? 1}:${start?.column ?? 1}`})
  })
}
