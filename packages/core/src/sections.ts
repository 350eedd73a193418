import type {Heading, RootContent} from 'mdast'
import {toString} from 'mdast-util-to-string'
import type {Position} from 'unist'

/** A heading and the nodes under it. */
export interface RawSection {
  readonly heading: Heading
  readonly title: string
  readonly children: RootContent[]
  readonly position: Position | undefined
}

/**
 * Splits a run of nodes at headings of one depth. Nodes before the first such
 * heading are returned as `preamble`.
 *
 * @param nodes Top-level nodes.
 * @param depth Heading depth to split at.
 */
export function splitSections(nodes: readonly RootContent[], depth: number): {preamble: RootContent[]; sections: RawSection[]} {
  const preamble: RootContent[] = []
  const sections: {heading: Heading; title: string; children: RootContent[]}[] = []
  for (const node of nodes) {
    if (node.type === 'heading' && node.depth === depth) {
      sections.push({heading: node, title: toString(node).trim(), children: []})
    } else if (sections.length > 0) {
      sections.at(-1)!.children.push(node)
    } else {
      preamble.push(node)
    }
  }
  return {preamble, sections: sections.map((section) => ({...section, position: span(section.heading, section.children)}))}
}

/** The position from a heading to the end of its last child. */
function span(heading: Heading, children: readonly RootContent[]): Position | undefined {
  const start = heading.position?.start
  const end = (children.at(-1) ?? heading).position?.end
  return start && end ? {start, end} : undefined
}

/** Whether nodes hold any text. */
export function hasText(nodes: readonly RootContent[]): boolean {
  return nodes.some((node) => toString(node).trim() !== '')
}
