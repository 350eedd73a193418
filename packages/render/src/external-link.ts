import type {Element} from 'hast'
import {h, type Child} from 'hastscript'

/**
 * Marks an `<a>` as external: `rel="external noopener noreferrer"`, the
 * `external` class (an icon in CSS) and hidden text for screen readers.
 *
 * @param link The anchor element; changed in place.
 * @param label Hidden text, such as "(external link)".
 */
export function markExternal(link: Element, label: string): Element {
  link.properties['rel'] = ['external', 'noopener', 'noreferrer']
  const classes = Array.isArray(link.properties['className']) ? link.properties['className'] : []
  link.properties['className'] = [...classes, 'external']
  link.children.push(h('span.visually-hidden', ` ${label}`))
  return link
}

/**
 * An external link.
 *
 * @param href Absolute URL.
 * @param children Link content.
 * @param label Hidden text, such as "(external link)".
 */
export function externalLink(href: string, children: Child, label: string): Element {
  return markExternal(h('a', {href}, children), label)
}
