import type {Root} from 'mdast'
import type {Position} from 'unist'
import {visit} from 'unist-util-visit'
import type {VFile} from 'vfile'
import {readGlossaryBody} from './glossary-document.js'
import {checkLinks, collectLinks, type LinkTarget} from './links.js'
import {parseMarkdown} from './markdown.js'
import {readPageBody} from './page-document.js'
import {report} from './problem.js'
import {readRiskBody} from './risk-document.js'
import {translatedPageSchema, translatedRiskSchema} from './schema.js'
import {readSource} from './source.js'
import type {Edition, EditionDocument, GlossaryTerm} from './types.js'
import {parseYamlData} from './yaml-data.js'

/** A translated page as loaded. */
export interface TranslationResult {
  readonly file: VFile
  /** The translated document (English data, translated text), when it has no errors. */
  readonly document: EditionDocument | undefined
  /** Hash of the English source the translation records (`source`), when readable. */
  readonly sourceHash: string | undefined
  /**
   * Whether the recorded hash is the English file's: only a current translation
   * must match the English structure. An outdated one is published as it is, and
   * its differences from the English page are information for the translator.
   */
  readonly current: boolean
}

/** Rules that compare a translation with its English page: binding only for current translations. */
const comparisonRules = new Set(['translation-structure', 'translation-links', 'missing-anchor', 'unknown-glossary-term', 'missing-document'])

/** Runs checks against the English page; for an outdated translation, what they find becomes information. */
function compareWithEnglish<T>(file: VFile, current: boolean, checks: () => T): T {
  const before = file.messages.length
  const result = checks()
  if (!current) {
    for (const message of file.messages.slice(before)) {
      if (message.ruleId && comparisonRules.has(message.ruleId)) message.fatal = undefined
    }
  }
  return result
}

/**
 * Loads a translated page and checks it against its English page: the same
 * kind of front matter, the same structure (a risk's five sections, its
 * scenarios and references; the anchors of every heading or glossary term) and
 * the same link targets. Scores, slugs and mappings stay those of English.
 *
 * @param path Absolute path of the translated file.
 * @param english The validated English edition.
 * @param name Name of the page (the English file name without `.md`).
 */
export async function loadTranslation(path: string, english: Edition, name: string): Promise<TranslationResult> {
  const {file, text, hash} = await readSource(path)
  const source = english.documents.find((document) => document.name === name)
  const none: TranslationResult = {file, document: undefined, sourceHash: undefined, current: true}
  if (text === undefined) return none
  if (!source) {
    report(file, `\`${name}.md\` is not a page of the English ${english.manifest.edition} edition`, {line: 1, column: 1}, 'translation-unknown-page', 'Name a translated file after the English file it translates, or remove it')
    return none
  }
  const {tree, frontMatter, bodyReadable} = parseMarkdown(text, file)
  if (!bodyReadable || !frontMatter) return none
  const origin = {file, line: frontMatter.line, start: {line: 1, column: 1}}
  const targets = new Map<string, LinkTarget>(english.documents.map((document) => [document.name, document]))

  if (source.kind === 'risk') {
    const yaml = parseYamlData(frontMatter.text, translatedRiskSchema, origin)
    const data = yaml.data
    const current = data === undefined || data.source === source.hash
    const {body, links} = compareWithEnglish(file, current, () => {
      const body = readRiskBody(tree, file, source)
      const links = collectLinks(tree, name, file, body.referenceLinks)
      checkLinks(links, file, targets)
      if (body.sections) checkSameTargets(tree, source.tree, file)
      return {body, links}
    })
    if (data && data.id !== source.id) {
      report(file, `Translated page claims id \`${data.id}\`, but \`${name}.md\` in English is \`${source.id}\``, yaml.locate(['id']), 'translation-id', `Set \`id: ${source.id}\`; ids are never translated`)
    }
    if (!data || !body.sections) return {...none, sourceHash: data?.source, current}
    return {
      file,
      sourceHash: data.source,
      current,
      document: {...source, path, hash, tree, links, anchors: body.anchors, title: data.title, summary: data.summary, keyControls: data.keyControls, description: data.summary, sections: body.sections, controls: body.controls, detectAndRespond: body.detectAndRespond, checklist: body.checklist, scenarios: body.scenarios, references: body.references}
    }
  }

  const yaml = parseYamlData(frontMatter.text, translatedPageSchema, origin)
  const data = yaml.data
  const current = data === undefined || data.source === source.hash
  const {links, terms, ids} = compareWithEnglish(file, current, () => {
    const links = collectLinks(tree, name, file)
    checkLinks(links, file, targets)
    checkSameTargets(tree, source.tree, file)
    const terms: GlossaryTerm[] | undefined = source.kind === 'glossary' ? readGlossaryBody(tree, file, {ordered: false}).terms : undefined
    const ids = terms ? terms.map((term) => ({id: term.id, place: term.heading.position})) : readPageIds(tree, file)
    checkSameAnchors(ids, source.headingIds, file)
    return {links, terms, ids}
  })
  if (!data) return none
  const headingIds = ids.map(({id}) => id)
  const document = {...source, path, hash, tree, links, anchors: new Set(headingIds), headingIds, title: data.title, description: data.description}
  if (document.kind === 'glossary' && terms) return {file, sourceHash: data.source, current, document: {...document, terms}}
  return {file, sourceHash: data.source, current, document}
}

function readPageIds(tree: Root, file: VFile): {id: string; place: Position | undefined}[] {
  const {headingIds} = readPageBody(tree, file)
  const places: (Position | undefined)[] = []
  visit(tree, 'heading', (node) => {
    if (node.depth > 1) places.push(node.position)
  })
  return headingIds.map((id, index) => ({id, place: places[index]}))
}

/** Every heading (or term) must carry the English anchors, in the English order. */
function checkSameAnchors(ids: readonly {id: string; place: Position | undefined}[], english: readonly string[], file: VFile): void {
  const count = Math.max(ids.length, english.length)
  for (let index = 0; index < count; index++) {
    const found = ids[index]
    const expected = english[index]
    if (found?.id === expected) continue
    if (!found) {
      report(file, `Translated page ends before the English heading \`#${expected}\``, file.value ? {line: String(file.value).split('\n').length, column: 1} : undefined, 'translation-structure', 'Translate every heading of the English page, in order')
    } else if (expected === undefined) {
      report(file, `Heading \`#${found.id}\` has no English counterpart`, found.place, 'translation-structure', 'Remove it, or match the English page heading for heading')
    } else {
      report(file, `Heading anchor \`#${found.id}\` differs from the English \`#${expected}\``, found.place, 'translation-structure', `End the heading with \`{#${expected}}\` to keep the English anchor`)
    }
    return
  }
}

/** The translation must link to the same targets as English: only link text is translated. */
function checkSameTargets(tree: Root, english: Root, file: VFile): void {
  const targets = (root: Root) => {
    const found: {url: string; place: Position | undefined}[] = []
    visit(root, (node) => {
      if (node.type === 'link' || node.type === 'definition') found.push({url: node.url, place: node.position})
    })
    return found
  }
  const remaining = new Map<string, number>()
  for (const {url} of targets(english)) remaining.set(url, (remaining.get(url) ?? 0) + 1)
  for (const {url, place} of targets(tree)) {
    const left = remaining.get(url) ?? 0
    if (left === 0) report(file, `Link \`${url}\` is not in the English page`, place, 'translation-links', 'Keep the link targets of the English page; translate only the link text')
    else remaining.set(url, left - 1)
  }
  for (const [url, left] of remaining) {
    if (left > 0) report(file, `Link \`${url}\` of the English page is missing${left > 1 ? ` (${left} times)` : ''}`, {line: 1, column: 1}, 'translation-links', 'Keep every link of the English page; translate only the link text')
  }
}
