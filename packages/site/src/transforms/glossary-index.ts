import type {Element, ElementContent, Root} from 'hast'
import {h} from 'hastscript'
import {toString} from 'hast-util-to-string'
import {scriptOf} from '@mltop10/i18n'
import type {BodyContext} from '@mltop10/render'

/**
 * A term without the article its language files it after: Arabic dictionaries
 * and indexes ignore the definite article ال, so «التسميم» goes under ت, not ا.
 */
function withoutArticle(term: string, locale: string): string {
  return scriptOf(locale) === 'Arab' ? term.replace(/^ال(?=\p{L})/u, '') : term
}

/** The Latin letters, under which a term still in English is filed in any locale. */
const latin = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ']

/**
 * Groups the glossary's terms under letter headings (`#letter-a`), one level
 * above the terms, and returns the index that links to them. The letters come
 * from the UI strings, so a locale uses its own alphabet; a term still in
 * English (a page not yet translated, or a term kept in English) is filed under
 * its English letter after them; only letters with terms are shown.
 *
 * @param tree hast of the glossary body, after `wrapSections` (one section per term).
 * @param context UI strings and the id prefix.
 * @param locale Locale of the terms, for case and accent folding.
 */
export function addGlossaryIndex(tree: Root, context: Pick<BodyContext, 't' | 'idPrefix'>, locale: string): Element {
  const {t, idPrefix} = context
  const alphabet = [...t('glossary.alphabet')]
  const order = [...alphabet, ...latin.filter((letter) => !alphabet.includes(letter))]
  const groups = new Map<string, Element[]>()
  const other: Element[] = []
  const rest: Root['children'] = []
  for (const node of tree.children) {
    const heading = node.type === 'element' && node.tagName === 'section' ? node.children.find((child): child is Element => child.type === 'element' && child.tagName === 'h2') : undefined
    if (!heading) {
      rest.push(node)
      continue
    }
    heading.tagName = 'h3'
    // The first letter as written (Ñ), else without its accent (É -> E), both in the locale's
    // alphabet or Latin; else the English anchor's first letter, for a term in a script the
    // index does not list (a Japanese term).
    const first = withoutArticle(toString(heading), locale).charAt(0).toLocaleUpperCase(locale)
    const folded = first.normalize('NFD').replace(/\p{M}/gu, '')
    const anchor = String(heading.properties['id'] ?? '').replace(idPrefix, '').charAt(0).toLocaleUpperCase('en')
    const initial = [first, folded, anchor].find((letter) => order.includes(letter))
    const group = initial ? groups.get(initial) ?? groups.set(initial, []).get(initial)! : other
    group.push(node as Element)
  }
  const letterId = (letter: string) => `${idPrefix}letter-${letter.toLocaleLowerCase(locale)}`
  const sections: ElementContent[] = []
  const used = order.filter((letter) => groups.has(letter))
  for (const letter of used) {
    const terms = groups.get(letter)
    if (terms) sections.push(h('section.letter-group', {ariaLabelledBy: letterId(letter)}, [h('h2.letter', {id: letterId(letter)}, letter), ...terms]))
  }
  if (other.length > 0) sections.push(h('section.letter-group', {ariaLabelledBy: `${idPrefix}letter-other`}, [h('h2.letter', {id: `${idPrefix}letter-other`}, t('glossary.other')), ...other]))
  tree.children = [...rest, ...(sections as Root['children'])]
  return h('nav.az-index', {ariaLabel: t('glossary.index')}, h('ul', [
    ...used.map((letter) => h('li', h('a', {href: `#${letterId(letter)}`}, letter))),
    ...(other.length > 0 ? [h('li', h('a', {href: `#${idPrefix}letter-other`}, t('glossary.other')))] : [])
  ]))
}
