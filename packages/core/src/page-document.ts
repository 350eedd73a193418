import type {Root} from 'mdast'
import GithubSlugger from 'github-slugger'
import {toString} from 'mdast-util-to-string'
import {visit} from 'unist-util-visit'
import type {VFile} from 'vfile'
import {report} from './problem.js'

/**
 * Reads the body of a free page: no first-level heading (the title comes from
 * the front matter); every other heading gives an anchor, its GitHub-style slug.
 *
 * @param tree Body of the page.
 * @param file The file to report on.
 */
export function readPageBody(tree: Root, file: VFile): {anchors: Set<string>} {
  const slugger = new GithubSlugger()
  const anchors = new Set<string>()
  visit(tree, 'heading', (node) => {
    if (node.depth === 1) {
      report(file, 'Pages have no first-level heading', node.position, 'heading-structure', 'Remove it: the title comes from `title` in the front matter; start sections with `##`')
      return
    }
    anchors.add(slugger.slug(toString(node)))
  })
  return {anchors}
}
