import type {Root, Yaml} from 'mdast'
import {gfmStrikethroughFromMarkdown} from 'mdast-util-gfm-strikethrough'
import {gfmTableFromMarkdown} from 'mdast-util-gfm-table'
import {gfmStrikethrough} from 'micromark-extension-gfm-strikethrough'
import {gfmTable} from 'micromark-extension-gfm-table'
import remarkFrontmatter from 'remark-frontmatter'
import remarkParse from 'remark-parse'
import {unified, type Processor} from 'unified'
import type {VFile} from 'vfile'
import {checkRawNesting, checkTreeDepth} from './nesting.js'
import {report} from './problem.js'

/**
 * The GFM constructs content may use: tables and strikethrough. Bare-URL autolinks,
 * footnotes and task lists are left out on purpose: links are written explicitly
 * (so they can be checked), and the autolink scan is the slowest part of GFM.
 */
function remarkContentGfm(this: Processor) {
  const data = this.data()
  ;(data.micromarkExtensions ??= []).push(gfmTable(), gfmStrikethrough({singleTilde: false}))
  ;(data.fromMarkdownExtensions ??= []).push(gfmTableFromMarkdown(), gfmStrikethroughFromMarkdown())
}

const parser = unified().use(remarkParse).use(remarkContentGfm).use(remarkFrontmatter, ['yaml'])

/** A Markdown source split into its front matter and its body tree. */
export interface ParsedMarkdown {
  /** The body; the front matter node is removed. Positions are those of the file. */
  readonly tree: Root
  /** YAML text of the front matter and the line it starts on, if the file has one. */
  readonly frontMatter: {readonly text: string; readonly line: number} | undefined
  /** Whether the body can be read: false when an unclosed front matter swallowed it, or it nests too deep. */
  readonly bodyReadable: boolean
}

/**
 * Parses a Markdown document (CommonMark, GFM and YAML front matter) into mdast
 * with positions. A missing or unclosed front matter block is reported, and so
 * is nesting deeper than later stages can walk (checked before the parser and
 * before any recursive walk sees it).
 *
 * @param text Normalised source text.
 * @param file The file to report on.
 */
export function parseMarkdown(text: string, file: VFile): ParsedMarkdown {
  if (!checkRawNesting(text, file)) return {tree: {type: 'root', children: []}, frontMatter: undefined, bodyReadable: false}
  const tree = parser.parse(text)
  if (!checkTreeDepth(tree, file)) return {tree, frontMatter: undefined, bodyReadable: false}
  const first = tree.children[0]
  if (first?.type === 'yaml') {
    tree.children.shift()
    const yaml = first as Yaml
    return {tree, frontMatter: {text: yaml.value, line: (yaml.position?.start.line ?? 1) + 1}, bodyReadable: true}
  }
  if (/^---[ \t]*\n/.test(text)) {
    report(file, 'Front matter is not closed', {line: 1, column: 1}, 'front-matter-unclosed', 'End the front matter with a line containing only `---`')
    return {tree, frontMatter: undefined, bodyReadable: false}
  }
  report(file, 'Missing front matter', {line: 1, column: 1}, 'front-matter-missing', 'Start the file with a `---` line, the YAML fields, and another `---` line (see content/README.md)')
  return {tree, frontMatter: undefined, bodyReadable: true}
}
