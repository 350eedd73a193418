import type {Element, ElementContent, Root} from 'hast'
import {h} from 'hastscript'
import {toXast} from 'hast-util-to-xast'
import type {Root as XastRoot} from 'xast'
import {toXml} from 'xast-util-to-xml'
import {visit} from 'unist-util-visit'

/** The namespace of `epub:type` and other EPUB attributes. */
export const epubNamespace = 'http://www.idpf.org/2007/ops'

/** What an XHTML content document of the book holds. */
export interface XhtmlDocument {
  /** Its title, for the `<title>` element. */
  readonly title: string
  /** BCP 47 code of its language. */
  readonly lang: string
  readonly dir: 'ltr' | 'rtl'
  /** `epub:type` of the body (`cover`, `bodymatter`, ...), if any. */
  readonly type?: string
  /** The body's content. */
  readonly body: readonly ElementContent[]
}

/**
 * Serializes a content document as well-formed XHTML: an XML declaration, the
 * HTML doctype, XHTML and SVG namespaces (hast to xast puts them where the
 * space changes), boolean attributes with a value, and only XML's own entities.
 *
 * @param document Title, language, direction and body.
 * @param stylesheet Path of the stylesheet relative to the document.
 */
export function toXhtml(document: XhtmlDocument, stylesheet: string): string {
  const html = h('html', {'xmlns:epub': epubNamespace, lang: document.lang, 'xml:lang': document.lang, dir: document.dir}, [
    h('head', [h('meta', {charSet: 'utf-8'}), h('title', document.title), h('link', {rel: 'stylesheet', type: 'text/css', href: stylesheet})]),
    h('body', document.type === undefined ? {} : {'epub:type': document.type}, [...document.body])
  ])
  const tree: Root = {type: 'root', children: [{type: 'doctype'}, html]}
  matchXmlLang(tree)
  const xast = toXast(tree) as XastRoot
  xast.children.unshift({type: 'instruction', name: 'xml', value: 'version="1.0" encoding="UTF-8"'}, {type: 'text', value: '\n'})
  return `${toXml(xast, {closeEmptyElements: true})}\n`
}

/** Every element with `lang` gets the same `xml:lang`, which XHTML readers may look at instead. */
function matchXmlLang(tree: Root): void {
  visit(tree, 'element', (element: Element) => {
    const lang = element.properties['lang'] ?? element.properties['xmlLang']
    if (typeof lang === 'string') {
      element.properties['lang'] = lang
      element.properties['xmlLang'] = lang
    }
  })
}

/** Whether a tree holds an `<svg>` element (the manifest item then needs the `svg` property). */
export function hasSvg(nodes: readonly ElementContent[]): boolean {
  let found = false
  for (const node of nodes) {
    visit(node, 'element', (element: Element) => {
      if (element.tagName === 'svg') found = true
    })
  }
  return found
}
