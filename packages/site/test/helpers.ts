import {cp, mkdtemp, readdir, readFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join, relative} from 'node:path'
import {fileURLToPath} from 'node:url'
import type {Element, Root as HastRoot} from 'hast'
import {fromHtml} from 'hast-util-from-html'
import type {Root} from 'mdast'
import {visit} from 'unist-util-visit'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {loadEdition, type Edition} from '@mltop10/core'

/** The valid fixture edition of these tests. */
export const fixtureEdition = fileURLToPath(new URL('fixtures/edition/2023/', import.meta.url))

/** Loads the fixture edition (from a copy, so tests can change it). */
export async function loadFixtureEdition(): Promise<Edition> {
  const root = await mkdtemp(join(tmpdir(), 'mltop10-site-edition-'))
  await cp(fixtureEdition, join(root, '2023'), {recursive: true})
  const result = await loadEdition(join(root, '2023'))
  if (!result.edition) throw new Error('fixture edition is invalid')
  return result.edition
}

/** Parses Markdown as the content model does, without its validation (for hostile input). */
export function parseMarkdown(text: string): Root {
  return unified().use(remarkParse).use(remarkGfm).parse(text)
}

/** A fresh temporary folder. */
export function temporaryFolder(prefix: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `mltop10-${prefix}-`))
}

/** Every file under a folder, by relative path, with its bytes. */
export async function readTree(folder: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>()
  for (const entry of await readdir(folder, {recursive: true, withFileTypes: true})) {
    if (!entry.isFile()) continue
    const path = join(entry.parentPath, entry.name)
    files.set(relative(folder, path), await readFile(path))
  }
  return files
}

/** Parses a built page. */
export async function readPage(outDir: string, path: string): Promise<HastRoot> {
  return fromHtml(await readFile(join(outDir, path), 'utf8'))
}

/** Every element of a tree that passes a test, in document order. */
export function selectAll(tree: HastRoot | Element, test: (node: Element) => boolean): Element[] {
  const found: Element[] = []
  visit(tree, 'element', (node: Element) => {
    if (test(node)) found.push(node)
  })
  return found
}
