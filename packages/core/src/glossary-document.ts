import type {Root} from 'mdast'
import {slug} from 'github-slugger'
import type {VFile} from 'vfile'
import {headingText, takeExplicitId} from './heading-id.js'
import {report} from './problem.js'
import {hasText, splitSections} from './sections.js'
import type {GlossaryTerm} from './types.js'

const collator = new Intl.Collator('en', {sensitivity: 'base'})

/**
 * Reads the glossary body: one `## Term` per term, in alphabetical order, each
 * with a definition. A term's anchor is its explicit id (`## Term {#id}`) or the
 * GitHub-style slug of its heading.
 *
 * @param tree Body of the glossary.
 * @param file The file to report on.
 * @param options `ordered: false` for a translation, which keeps the English order.
 */
export function readGlossaryBody(tree: Root, file: VFile, options: {readonly ordered?: boolean} = {}): {terms: GlossaryTerm[]; anchors: Set<string>} {
  const {preamble, sections} = splitSections(tree.children, 2)
  for (const node of [...preamble, ...sections.flatMap((section) => section.children)]) {
    if (node.type === 'heading') {
      report(file, `Heading of level ${node.depth} in the glossary`, node.position, 'heading-structure', 'The glossary has only `## Term` headings; put notes in the definition text')
    }
  }
  const terms: GlossaryTerm[] = []
  const anchors = new Set<string>()
  let previous: string | undefined
  for (const raw of sections) {
    const explicit = takeExplicitId(raw.heading)
    const section = {...raw, title: headingText(raw.heading)}
    const id = explicit ?? slug(section.title)
    if (anchors.has(id)) {
      report(file, `Term \`${section.title}\` is defined twice`, section.heading.position, 'duplicate-anchor', 'Merge the two definitions into one')
    }
    if (!hasText(section.children)) {
      report(file, `Term \`${section.title}\` has no definition`, section.heading.position, 'glossary-empty-term', 'Write a definition under the heading')
    }
    if ((options.ordered ?? true) && previous !== undefined && collator.compare(previous, section.title) > 0) {
      report(file, `Term \`${section.title}\` is out of alphabetical order: it comes after \`${previous}\``, section.heading.position, 'glossary-order', 'Move the term to its alphabetical place')
    }
    previous = section.title
    anchors.add(id)
    terms.push({id, term: section.title, heading: section.heading, children: section.children, position: section.position})
  }
  return {terms, anchors}
}
