// Reading an edition's files as text, for the scripts that copy or rearrange editions
// without loading them through @mltop10/core (benchmarks, synthetic editions).
import {readFileSync} from 'node:fs'
import {join} from 'node:path'

/**
 * The document names of an edition, in reading order, from the `documents:` list of its
 * `edition.yaml`.
 *
 * @param {string} editionDir
 * @returns {string[]}
 */
export function documentNames(editionDir) {
  const manifest = readFileSync(join(editionDir, 'edition.yaml'), 'utf8')
  const names = [...manifest.matchAll(/^ {2}- (\S+)$/gm)].map((match) => /** @type {string} the group always takes part */ (match[1]))
  if (names.length === 0) throw new Error(`no documents listed in ${join(editionDir, 'edition.yaml')}`)
  return names
}

/**
 * A Markdown document split into its YAML front matter (without the `---` lines; empty when
 * there is none) and its body.
 *
 * @param {string} markdown
 * @returns {{front: string, body: string}}
 */
export function splitFrontMatter(markdown) {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(markdown)
  return match ? {front: match[1] ?? '', body: markdown.slice(match[0].length)} : {front: '', body: markdown}
}

/**
 * A scalar of a front matter or manifest (`key: value` at the start of a line), unquoted.
 *
 * @param {string} text
 * @param {string} key
 * @returns {string | undefined}
 */
export function scalar(text, key) {
  const value = new RegExp(`^${key}:[ \\t]*(.+)$`, 'm').exec(text)?.[1]?.trim()
  return value?.replace(/^(["'])(.*)\1$/, '$2')
}
