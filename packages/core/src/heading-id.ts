import type {Heading} from 'mdast'
import {toString} from 'mdast-util-to-string'

const explicitId = /\s*\{#([a-z\d][a-z\d-]*)\}\s*$/

/**
 * Reads a heading's explicit anchor, written `## Title {#anchor}` (translations use
 * it to keep the English anchors), and removes it from the heading's text.
 *
 * @param heading A heading node; its last text is changed when it carries an id.
 * @returns The id, or `undefined` when the heading has none.
 */
export function takeExplicitId(heading: Heading): string | undefined {
  const last = heading.children.at(-1)
  if (last?.type !== 'text') return undefined
  const match = explicitId.exec(last.value)
  if (!match) return undefined
  last.value = last.value.slice(0, match.index)
  if (last.value === '') heading.children.pop()
  return match[1]
}

/** The text of a heading, after any explicit id was taken. */
export function headingText(heading: Heading): string {
  return toString(heading).trim()
}
