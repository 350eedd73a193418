import type {Root} from 'mdast'
import GithubSlugger from 'github-slugger'
import {visit} from 'unist-util-visit'
import type {VFile} from 'vfile'
import {headingText, takeExplicitId} from './heading-id.js'
import {report} from './problem.js'

/**
 * Reads the body of a free page: no first-level heading (the title comes from
 * the front matter); every other heading gives an anchor: its explicit id
 * (`## Title {#id}`) or the GitHub-style slug of its text.
 *
 * @param tree Body of the page.
 * @param file The file to report on.
 */
export function readPageBody(tree: Root, file: VFile): {anchors: Set<string>; headingIds: string[]} {
  const slugger = new GithubSlugger()
  const anchors = new Set<string>()
  const headingIds: string[] = []
  visit(tree, 'heading', (node) => {
    const explicit = takeExplicitId(node)
    if (node.depth === 1) {
      report(file, 'Pages have no first-level heading', node.position, 'heading-structure', 'Remove it: the title comes from `title` in the front matter; start sections with `##`')
      return
    }
    const id = explicit ?? slugger.slug(headingText(node))
    if (anchors.has(id)) report(file, `Anchor \`#${id}\` is used by two headings`, node.position, 'duplicate-anchor', 'Give one of them its own id with `{#another-id}` at the end of the heading')
    anchors.add(id)
    headingIds.push(id)
  })
  return {anchors, headingIds}
}
