import {cp, mkdtemp, rm} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {unzipSync} from 'fflate'
import type {Element, Root} from 'xast'
import {fromXml} from 'xast-util-from-xml'
import {loadEdition, sourceEdition, type Edition, type LocalizedEdition, type PageState} from '@mltop10/core'

/** Core's valid test edition: an introduction, two risks, a glossary and two pages. */
export async function loadFixtureEdition(): Promise<Edition> {
  // An edition's folder is named after it: the fixture is loaded from a copy named 2023.
  const root = await mkdtemp(join(tmpdir(), 'mltop10-epub-'))
  try {
    await cp(fileURLToPath(new URL('../../core/test/fixtures/_base/', import.meta.url)), join(root, '2023'), {recursive: true})
    const result = await loadEdition(join(root, '2023'))
    if (!result.edition) throw new Error('core\'s _base fixture does not load')
    return result.edition
  } finally {
    await rm(root, {recursive: true, force: true})
  }
}

/** The edition as a locale would publish it: every page in the given state (English text kept). */
export function localizedAs(edition: Edition, locale: LocalizedEdition['locale'], states: Readonly<Record<string, PageState>> = {}): LocalizedEdition {
  const english = sourceEdition(edition)
  return {edition, locale, pages: english.pages.map((page) => ({...page, state: states[page.name] ?? 'missing'}))}
}

/** The files of an EPUB, text decoded. */
export function unzip(bytes: Uint8Array): Map<string, Uint8Array> {
  return new Map(Object.entries(unzipSync(bytes)))
}

export function text(files: ReadonlyMap<string, Uint8Array>, name: string): string {
  const bytes = files.get(name)
  if (!bytes) throw new Error(`${name} is not in the EPUB (it has ${[...files.keys()].join(', ')})`)
  return new TextDecoder().decode(bytes)
}

/** Parses XML (throwing on anything not well-formed). */
export function parseXml(source: string): Root {
  return fromXml(source)
}

/** Every element of a tree named `name`, in document order. */
export function elements(tree: Root | Element, name: string): Element[] {
  const found: Element[] = []
  const walk = (node: Root | Element) => {
    for (const child of node.children) {
      if (child.type !== 'element') continue
      if (child.name === name) found.push(child)
      walk(child)
    }
  }
  walk(tree)
  return found
}

/** The text of an element. */
export function textOf(node: Element): string {
  return node.children.map((child) => (child.type === 'text' ? child.value : child.type === 'element' ? textOf(child) : '')).join('')
}
