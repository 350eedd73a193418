import type {Root} from 'mdast'
import type {Node, Parent} from 'unist'
import type {VFile} from 'vfile'
import {report} from './problem.js'

/**
 * How deep content may nest, in mdast levels below the root (a list inside a list
 * item counts two: the list and its item). Real pages stay under ten; every later
 * stage (to hast, sanitising, HTML, PDF) walks trees recursively and overflows the
 * stack somewhere past a thousand.
 */
export const maxNestingDepth = 64

const hint = 'Flatten it: block quotes, lists, emphasis and links inside each other need no more than a few levels'

/** Block quote and list markers at the start of a line, each with what may precede it. */
const marker = String.raw`[ \t]*(?:>|(?:[-+*]|\d{1,9}[.)])(?=[ \t]|$))`
const deepPrefix = new RegExp(String.raw`^(?:${marker}){${maxNestingDepth + 1}}`, 'm')
/** A run of emphasis markers that could only nest past the limit (`**` opens one level). */
const longEmphasisRun = new RegExp(String.raw`([*_])\1{${2 * maxNestingDepth}}`)

/**
 * Checks the raw text before it is parsed: a line opening more block quotes and
 * list items than the limit, or a run of more `*` or `_` than the limit allows.
 * The parser takes quadratic time on both and overflows the stack on a few
 * thousand list markers, so it must not see them.
 *
 * @param text Normalised source text.
 * @param file The file to report on.
 * @returns Whether the text can be parsed.
 */
export function checkRawNesting(text: string, file: VFile): boolean {
  const prefix = deepPrefix.exec(text)
  if (prefix) {
    // The match ends on the first marker past the limit.
    report(file, `Line opens more than ${maxNestingDepth} block quotes and list items inside each other`, pointAt(text, prefix.index + prefix[0].length - 1), 'nesting-depth', hint)
    return false
  }
  const run = longEmphasisRun.exec(text)
  if (run) {
    report(file, `Run of more than ${2 * maxNestingDepth} \`${run[1]}\` characters`, pointAt(text, run.index), 'nesting-depth', `${hint}; write a long line of stars or underscores as a thematic break (\`***\`) instead`)
    return false
  }
  return true
}

function pointAt(text: string, offset: number): {line: number; column: number} {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1
  let line = 1
  for (let index = text.indexOf('\n'); index !== -1 && index < offset; index = text.indexOf('\n', index + 1)) line++
  return {line, column: offset - lineStart + 1}
}

/**
 * Checks the depth of a parsed tree without recursion, before any recursive
 * walk runs over it. Reports the first node past the limit.
 *
 * @param tree Parsed document.
 * @param file The file to report on.
 * @returns Whether the tree is within the limit.
 */
export function checkTreeDepth(tree: Root, file: VFile): boolean {
  const nodes: Node[] = [tree]
  const depths: number[] = [0]
  while (nodes.length > 0) {
    const node = nodes.pop()!
    const depth = depths.pop()!
    if (depth > maxNestingDepth) {
      report(file, `Content is nested more than ${maxNestingDepth} levels deep`, node.position?.start, 'nesting-depth', hint)
      return false
    }
    const children = (node as Partial<Parent>).children
    if (children) {
      for (const child of children) {
        nodes.push(child)
        depths.push(depth + 1)
      }
    }
  }
  return true
}
