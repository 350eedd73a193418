import type {Root} from 'mdast'
import type {Node} from 'unist'
import {visit} from 'unist-util-visit'
import type {VFile} from 'vfile'
import {report} from './problem.js'
import {riskSectionSpec} from './risk-document.js'
import type {InternalLink} from './types.js'

const schemePattern = /^[a-z][a-z\d+.-]*:/i
const allowedSchemes = new Set(['http:', 'https:', 'mailto:'])

/**
 * Collects the links of a document to documents of its edition, and reports
 * links that cannot be published: unsafe schemes, links that leave the edition
 * folder, links to files that are not Markdown documents, and raw HTML.
 *
 * @param tree The document body.
 * @param name The document's own name, for same-page anchors.
 * @param file The file to report on.
 * @param ignore Link nodes already checked elsewhere (such as references).
 */
export function collectLinks(tree: Root, name: string, file: VFile, ignore: ReadonlySet<Node> = new Set()): InternalLink[] {
  const links: InternalLink[] = []
  visit(tree, (node) => {
    if (node.type === 'html') {
      report(file, 'Raw HTML is not allowed', node.position, 'raw-html', 'Write it in Markdown; raw HTML is removed from the published pages')
      return
    }
    if ((node.type !== 'link' && node.type !== 'definition' && node.type !== 'image') || ignore.has(node)) return
    const url = node.url
    const place = node.position
    if (node.type === 'image') {
      report(file, 'Images are not supported in content', place, 'image', 'Describe it in text, or propose a figure through the build (see README)')
      return
    }
    if (url.startsWith('//')) {
      report(file, `Link \`${url}\` has no scheme`, place, 'link-url', 'Write external links as absolute `https://` URLs')
      return
    }
    const scheme = schemePattern.exec(url)?.[0].toLowerCase()
    if (scheme) {
      if (!allowedSchemes.has(scheme)) report(file, `Link \`${url}\` uses the unsafe scheme \`${scheme}\``, place, 'link-url', 'Use an `https://` URL')
      return
    }
    const hashIndex = url.indexOf('#')
    const target = hashIndex === -1 ? url : url.slice(0, hashIndex)
    const anchor = hashIndex === -1 ? undefined : decodeURIComponent(url.slice(hashIndex + 1))
    if (target === '') {
      links.push({document: name, anchor, url, position: place})
      return
    }
    const match = /^(?:\.\/)?([A-Za-z\d][\w-]*)\.md$/.exec(target)
    if (!match) {
      report(file, `Link \`${url}\` does not point to a document of this edition`, place, 'link-target', 'Link to another document by its file name, such as `ML02-data-poisoning-attack.md` or `glossary.md#overfitting`, or use an absolute `https://` URL')
      return
    }
    links.push({document: match[1]!, anchor: anchor === '' ? undefined : anchor, url, position: place})
  })
  return links
}

const riskAnchorsHint = `Risk anchors are ${riskSectionSpec.map((spec) => `#${spec.id}`).join(', ')} and #scenario-N`

/** What a link may target: a document's kind and, when its body could be read, its anchors. */
export interface LinkTarget {
  readonly name: string
  readonly kind: 'risk' | 'glossary' | 'page'
  readonly anchors: ReadonlySet<string> | undefined
}

/**
 * Reports links to documents that do not exist and to anchors they do not have.
 *
 * @param links Links of one document.
 * @param file The file to report on.
 * @param targets Documents of the edition by name.
 */
export function checkLinks(links: readonly InternalLink[], file: VFile, targets: ReadonlyMap<string, LinkTarget>): void {
  for (const link of links) {
    const target = targets.get(link.document)
    if (!target) {
      report(file, `Link \`${link.url}\` points to a missing document \`${link.document}.md\``, link.position, 'missing-document', 'Fix the file name; documents of this edition are listed in edition.yaml')
      continue
    }
    // A target whose body could not be read has its own error; its anchors are unknown.
    if (link.anchor === undefined || !target.anchors || target.anchors.has(link.anchor)) continue
    if (target.kind === 'glossary') {
      report(file, `Unknown glossary term \`${link.anchor}\` in link \`${link.url}\``, link.position, 'unknown-glossary-term', 'Link to a term defined in glossary.md (the anchor is the slug of its heading), or add the term there')
    } else {
      report(file, `Link \`${link.url}\` points to a missing anchor \`#${link.anchor}\` in \`${target.name}.md\``, link.position, 'missing-anchor', target.kind === 'risk' ? riskAnchorsHint : 'Use the slug of a heading of that document')
    }
  }
}
