import type {Root} from 'mdast'
import type {Node} from 'unist'
import {visit} from 'unist-util-visit'
import type {VFile} from 'vfile'
import {report} from './problem.js'
import {riskSectionSpec} from './risk-document.js'
import type {DocumentLink, InternalLink} from './types.js'

const schemePattern = /^[a-z][a-z\d+.-]*:/i
const documentLinkPattern = /^(?:\.\/)?([A-Za-z\d][\w-]*)\.md(?:#(.*))?$/s
const allowedSchemes = new Set(['http:', 'https:', 'mailto:'])

/**
 * Reads a link between documents: a document's file name, optionally after
 * `./`, and an optional anchor (`ML02-data-poisoning-attack.md`,
 * `./glossary.md#overfitting`). The one grammar of such links, for the checks
 * here and for the renderers that turn them into hrefs.
 *
 * @param url The link's URL as written (or as an href).
 * @returns The document's name and the decoded anchor (`undefined` when empty
 *   or absent), or `undefined` when the URL is not a link between documents.
 */
export function parseDocumentLink(url: string): DocumentLink | undefined {
  const match = documentLinkPattern.exec(url)
  if (!match) return undefined
  const anchor = match[2] ? decodeURIComponent(match[2]) : undefined
  return {document: match[1]!, anchor}
}

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
    if (url === '' || url.startsWith('#')) {
      // The document itself, or an anchor in it.
      links.push({document: name, anchor: url === '' ? undefined : decodeURIComponent(url.slice(1)), url, position: place})
      return
    }
    const link = parseDocumentLink(url)
    if (!link) {
      report(file, `Link \`${url}\` does not point to a document of this edition`, place, 'link-target', 'Link to another document by its file name, such as `ML02-data-poisoning-attack.md` or `glossary.md#overfitting`, or use an absolute `https://` URL')
      return
    }
    links.push({...link, url, position: place})
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
