import type {EditionDocument} from '@mltop10/core'
import type {Node, Point} from 'unist'
import {visit} from 'unist-util-visit'
import type {VFile} from 'vfile'
import {findVariants, type VariantMatch, type VariantMatcher} from './term-matcher.js'

/** A range of a source text as `[start, end)` UTF-16 offsets. */
type Range = readonly [number, number]

/**
 * The parts of a Markdown source that are not prose, which a term check leaves alone: code
 * spans and blocks, raw HTML, link and image destinations (with their titles), reference
 * labels and definitions, `{#anchor}` ids, and the keys and the `source` hash of the front matter.
 *
 * @param text The source text (normalised, as the tree was parsed from).
 * @param tree Its mdast tree, with positions.
 */
export function nonProseRanges(text: string, tree: EditionDocument['tree']): Range[] {
  const ranges: Range[] = []
  const span = (node: Node): Range | undefined => {
    const start = node.position?.start.offset
    const end = node.position?.end.offset
    return start === undefined || end === undefined ? undefined : [start, end]
  }
  visit(tree, (node) => {
    const range = span(node)
    if (!range) return
    switch (node.type) {
      case 'code':
      case 'inlineCode':
      case 'html':
      case 'definition':
        ranges.push(range)
        return
      case 'link':
      case 'linkReference': {
        const children = (node as unknown as {children: (Node & {value?: string})[]}).children
        const last = children.at(-1)?.position?.end.offset
        const url = (node as {url?: string}).url
        // An autolink (`<https://...>`) shows its destination as its text.
        const text = children.length === 1 && children[0]!.type === 'text' ? children[0]!.value : undefined
        if (last === undefined || (url !== undefined && text !== undefined && (url === text || url === `mailto:${text}`))) ranges.push(range)
        else ranges.push([last, range[1]])
        return
      }
      case 'image':
      case 'imageReference': {
        const source = text.slice(range[0], range[1])
        const close = source.lastIndexOf(']')
        ranges.push([close < 0 ? range[0] : range[0] + close, range[1]])
        return
      }
    }
  })
  for (const match of text.matchAll(/\{#[^}\s]*\}/g)) ranges.push([match.index, match.index + match[0].length])
  const frontMatter = /^---[ \t]*\n([\s\S]*?)\n---[ \t]*(?:\n|$)/.exec(text)
  if (frontMatter) {
    const start = frontMatter[0].indexOf('\n') + 1
    for (const line of frontMatter[1]!.matchAll(/^[ \t]*(?:(source)[ \t]*:.*|[\w-]+[ \t]*:)/gm)) ranges.push([start + line.index, start + line.index + line[0].length])
  }
  return ranges
}

/**
 * The line and column of an offset (both 1-based; columns in UTF-16 code units, as the rest of
 * the pipeline and most editors count them).
 *
 * @param lineStarts Offsets at which each line starts, from `lineStartsOf`.
 * @param offset An offset in the text.
 */
export function pointAt(lineStarts: readonly number[], offset: number): Point {
  let low = 0
  let high = lineStarts.length - 1
  while (low < high) {
    const middle = (low + high + 1) >> 1
    if (lineStarts[middle]! <= offset) low = middle
    else high = middle - 1
  }
  return {line: low + 1, column: offset - lineStarts[low]! + 1, offset}
}

/**
 * Offsets at which the lines of a text start.
 *
 * @param text Any text.
 */
export function lineStartsOf(text: string): number[] {
  const starts = [0]
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) starts.push(index + 1)
  return starts
}

/**
 * Finds the forbidden variants of a termbase in a translated page's prose (its front matter
 * included) and records each as a warning at its position, naming the term and its approved
 * translation.
 *
 * @param file The page's file, holding its source text.
 * @param tree The page's body tree, with positions in that text.
 * @param variants The locale's forbidden variants (`Termbase.variants`).
 * @param termsFile How to name the termbase in hints, such as `terms.yaml of locale es`.
 * @returns The matches reported.
 */
export function checkTermUse(file: VFile, tree: EditionDocument['tree'], variants: readonly VariantMatcher[], termsFile: string): VariantMatch[] {
  if (variants.length === 0 || file.value === undefined) return []
  const text = String(file.value)
  const matches = findVariants(text, variants, nonProseRanges(text, tree))
  const lineStarts = lineStartsOf(text)
  for (const match of matches) {
    const message = file.message(`\`${match.found}\` is a forbidden variant of \`${match.term}\`: use \`${match.translation}\``, {place: {start: pointAt(lineStarts, match.start), end: pointAt(lineStarts, match.end)}, ruleId: 'termbase-variant', source: 'i18n'})
    message.fatal = false
    message.note = `Write the approved term (see ${termsFile}); if the word means something else here, add the approved phrase around it to \`allowedIn\` of \`${match.term}\``
  }
  return matches
}
