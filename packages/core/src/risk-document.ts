import type {Heading, Link, List, ListItem, PhrasingContent, Root, Strong} from 'mdast'
import {toString} from 'mdast-util-to-string'
import type {Point} from 'unist'
import type {VFile} from 'vfile'
import {report} from './problem.js'
import type {RiskFrontMatter} from './schema.js'
import {hasText, splitSections, type RawSection} from './sections.js'
import type {ChecklistItem, Control, DetectAndRespond, Reference, Signal, RiskDocument, RiskSections, Scenario, Section} from './types.js'

/** The fixed sections of a risk document: heading text, anchor and key. */
export const riskSectionSpec = [
  {title: 'Description', id: 'description', key: 'description'},
  {title: 'How to Prevent', id: 'how-to-prevent', key: 'howToPrevent'},
  {title: 'Detect and Respond', id: 'detect-and-respond', key: 'detectAndRespond'},
  {title: 'Risk Factors', id: 'risk-factors', key: 'riskFactors'},
  {title: 'Example Attack Scenarios', id: 'example-attack-scenarios', key: 'exampleAttackScenarios'},
  {title: 'Checklist', id: 'checklist', key: 'checklist'},
  {title: 'References', id: 'references', key: 'references'}
] as const satisfies readonly {title: string; id: string; key: keyof RiskSections}[]

const minimumScenarios = 2
const minimumReferences = 3
const checklistSize = {min: 5, max: 8}
const scenariosIndex = riskSectionSpec.findIndex((spec) => spec.key === 'exampleAttackScenarios')
const sectionList = riskSectionSpec.map((spec) => `\`## ${spec.title}\``).join(', ')

/** The body of a risk document, as structured data. */
export interface RiskBody {
  readonly sections: RiskSections | undefined
  readonly controls: Control[]
  readonly detectAndRespond: DetectAndRespond
  readonly checklist: ChecklistItem[]
  readonly scenarios: Scenario[]
  readonly references: Reference[]
  /** Link nodes already checked as references (not internal links). */
  readonly referenceLinks: ReadonlySet<Link>
  readonly anchors: Set<string>
}

/**
 * Reads the body of a risk document: checks headings, the fixed sections and
 * their order, scenarios and references, reporting each problem with its position.
 *
 * @param tree Body of the document.
 * @param file The file to report on.
 * @param english For a translation, the English page: sections are then matched by
 *   position, and scenarios and references must be as many as in English.
 */
export function readRiskBody(tree: Root, file: VFile, english?: RiskDocument): RiskBody {
  const {preamble, sections: found} = splitSections(tree.children, 2)
  if (english && found.length !== riskSectionSpec.length) {
    // With a section missing or added, every later check would only repeat this one.
    matchSectionsByPosition(found, file, tree)
    return {sections: undefined, controls: [], detectAndRespond: {signals: [], steps: []}, checklist: [], scenarios: [], references: [], referenceLinks: new Set(), anchors: new Set()}
  }
  checkHeadings(tree, file, english ? found[scenariosIndex]?.heading : undefined)
  // A stray first-level heading is reported by checkHeadings already.
  if (hasText(preamble.filter((node) => node.type !== 'heading' || node.depth !== 1))) {
    report(file, 'Text before the first section', preamble[0]?.position, 'risk-sections', `Move it into \`## Description\`; the sections are ${sectionList}`)
  }
  // A translation names its sections in its own language: they are matched by position.
  const bySpec = english ? matchSectionsByPosition(found, file, tree) : checkSectionOrder(found, file, tree)
  const section = (index: number): Section | undefined => {
    const spec = riskSectionSpec[index]!
    const raw = bySpec.get(spec.title)
    return raw ? {id: spec.id, heading: raw.heading, children: raw.children, position: raw.position} : undefined
  }
  const [description, howToPrevent, detectAndRespond, riskFactors, exampleAttackScenarios, checklistSection, references] = riskSectionSpec.map((_, index) => section(index))
  for (const present of [description, howToPrevent, detectAndRespond, riskFactors]) {
    if (present && !hasText(present.children)) {
      report(file, `Section \`## ${toString(present.heading)}\` is empty`, present.heading.position, 'section-empty', 'Write the section, or see content/README.md for what it holds')
    }
  }
  const detection = detectAndRespond && hasText(detectAndRespond.children) ? readDetectAndRespond(detectAndRespond, file, english?.detectAndRespond) : {signals: [], steps: []}
  const checklist = checklistSection ? readChecklist(checklistSection, file, english?.checklist.length) : []
  const scenarios = exampleAttackScenarios ? readScenarios(exampleAttackScenarios, file, english?.scenarios.length) : []
  const referenceLinks = new Set<Link>()
  const referenceList = references ? readReferences(references, file, referenceLinks, english?.references.length) : []
  const anchors = new Set<string>(riskSectionSpec.map((spec) => spec.id))
  for (const scenario of scenarios) anchors.add(scenario.id)
  const sections = description && howToPrevent && detectAndRespond && riskFactors && exampleAttackScenarios && checklistSection && references ? {description, howToPrevent, detectAndRespond, riskFactors, exampleAttackScenarios, checklist: checklistSection, references} : undefined
  return {
    sections,
    controls: howToPrevent ? readControls(howToPrevent) : [],
    detectAndRespond: detection,
    checklist,
    scenarios,
    references: referenceList,
    referenceLinks,
    anchors
  }
}

function checkHeadings(tree: Root, file: VFile, scenariosHeading?: Heading): void {
  let inScenarios = false
  for (const node of tree.children) {
    if (node.type !== 'heading') continue
    if (node.depth === 2) inScenarios = scenariosHeading ? node === scenariosHeading : toString(node).trim() === 'Example Attack Scenarios'
    else if (node.depth === 1) report(file, 'Risk documents have no first-level heading', node.position, 'heading-structure', 'Remove it: the title comes from `title` in the front matter')
    else if (node.depth === 3 && !inScenarios) report(file, 'Third-level heading outside `## Example Attack Scenarios`', node.position, 'heading-structure', 'Use `###` only for scenario titles; elsewhere use paragraphs or bold text')
    else if (node.depth > 3) report(file, `Heading of level ${node.depth} is not allowed in a risk document`, node.position, 'heading-structure', 'Use `##` for the fixed sections and `###` for scenarios only')
  }
}

function checkSectionOrder(found: readonly RawSection[], file: VFile, tree: Root): Map<string, RawSection> {
  const expected = riskSectionSpec.map((spec) => spec.title)
  const byTitle = new Map<string, RawSection>()
  for (const section of found) {
    if (!expected.includes(section.title as never)) {
      report(file, `Unknown section \`## ${section.title}\``, section.heading.position, 'risk-sections', `A risk document has exactly these sections, in order: ${sectionList}`)
    } else if (byTitle.has(section.title)) {
      report(file, `Duplicate section \`## ${section.title}\``, section.heading.position, 'risk-sections', 'Merge the two sections into one')
    } else {
      byTitle.set(section.title, section)
    }
  }
  const end: Point = tree.position?.end ?? {line: 1, column: 1}
  expected.forEach((title, index) => {
    if (byTitle.has(title)) return
    const next = expected.slice(index + 1).find((later) => byTitle.has(later))
    const place = next ? byTitle.get(next)!.heading.position?.start : end
    report(file, `Missing section \`## ${title}\``, place, 'risk-sections', `Add it${next ? ` before \`## ${next}\`` : ' at the end'}; the sections are ${sectionList}`)
  })
  const present = [...byTitle.values()]
  const order = expected.filter((title) => byTitle.has(title))
  const misplaced = present.findIndex((section, index) => section.title !== order[index])
  if (misplaced !== -1) {
    report(file, `Section \`## ${present[misplaced]!.title}\` is out of order: expected \`## ${order[misplaced]!}\` here`, present[misplaced]!.heading.position, 'risk-sections', `Order the sections as ${sectionList}`)
  }
  return byTitle
}

/** Maps the sections of a translation to the fixed ones by position; the count must be five. */
function matchSectionsByPosition(found: readonly RawSection[], file: VFile, tree: Root): Map<string, RawSection> {
  const bySpec = new Map<string, RawSection>()
  if (found.length !== riskSectionSpec.length) {
    const place = found[riskSectionSpec.length]?.heading.position ?? tree.position?.end
    report(file, `Translated page has ${found.length} sections; the English page has ${riskSectionSpec.length}`, place, 'translation-structure', `Translate each English section in order, as \`##\` headings: ${sectionList}`)
  }
  riskSectionSpec.forEach((spec, index) => {
    const raw = found[index]
    if (raw) bySpec.set(spec.title, raw)
  })
  return bySpec
}

function readScenarios(section: Section, file: VFile, englishCount?: number): Scenario[] {
  const {sections} = splitSections(section.children, 3)
  const scenarios = sections.map((raw, index): Scenario => {
    if (!hasText(raw.children)) {
      report(file, `Scenario \`${raw.title}\` has no text`, raw.heading.position, 'scenario-empty', 'Write the scenario: setting, attack steps, impact, and the control that would have stopped it')
    }
    return {id: `scenario-${index + 1}`, number: index + 1, title: raw.title, heading: raw.heading, children: raw.children, position: raw.position}
  })
  if (englishCount !== undefined && scenarios.length !== englishCount) {
    report(file, `Translated page has ${scenarios.length} scenario${scenarios.length === 1 ? '' : 's'}; the English page has ${englishCount}`, section.heading.position, 'translation-structure', 'Translate every scenario, in the same order, as a `###` heading with its text')
  } else if (scenarios.length < minimumScenarios) {
    report(file, `${scenarios.length} example attack scenario${scenarios.length === 1 ? '' : 's'}; at least ${minimumScenarios} are required`, section.heading.position, 'scenario-count', 'Add scenarios as `### Title` subsections of `## Example Attack Scenarios`')
  }
  return scenarios
}

/**
 * "Detect and Respond" holds the signals to watch (a bulleted list, each item
 * a bold signal name and where it is logged and how it alerts) and the first
 * response steps (a numbered list).
 */
function readDetectAndRespond(section: Section, file: VFile, english?: DetectAndRespond): DetectAndRespond {
  const lists = section.children.filter((node): node is List => node.type === 'list')
  const signals: Signal[] = []
  const steps: string[] = []
  for (const list of lists) {
    for (const item of list.children) {
      if (list.ordered) {
        steps.push(toString(item).trim())
        continue
      }
      const {first: strong, rest: detail} = itemLead(item)
      if (strong?.type !== 'strong' || detail === '') {
        report(file, 'Signal is not a bold name followed by where it is logged and how it alerts', item.position, 'detect-respond-format', 'Write each signal as `- **Signal name.** What to watch, where it is logged, and what an alert looks like`')
        continue
      }
      signals.push({name: leadName(strong), detail, position: item.position})
    }
  }
  if (!lists.some((list) => !list.ordered)) {
    report(file, 'Section `## Detect and Respond` has no bulleted list of signals', section.heading.position, 'detect-respond-format', 'List the signals to watch as `- **Signal.** Where it is logged and what an alert looks like`')
  }
  if (!lists.some((list) => list.ordered)) {
    report(file, 'Section `## Detect and Respond` has no numbered list of response steps', section.heading.position, 'detect-respond-format', 'List the first response steps in order as `1. ...`')
  }
  if (english && (signals.length !== english.signals.length || steps.length !== english.steps.length)) {
    report(file, `Translated \`## Detect and Respond\` has ${signals.length} signals and ${steps.length} response steps; the English page has ${english.signals.length} and ${english.steps.length}`, section.heading.position, 'translation-structure', 'Translate every signal and every step, in the same order')
  }
  return {signals, steps}
}

/**
 * The checklist: one bulleted list of verifiable controls, each a bold
 * statement followed by the evidence that proves it.
 */
function readChecklist(section: Section, file: VFile, englishCount?: number): ChecklistItem[] {
  const lists = section.children.filter((node): node is List => node.type === 'list')
  const items = lists.flatMap((list) => list.children)
  const checklist: ChecklistItem[] = []
  for (const item of items) {
    const {first: strong, rest} = itemLead(item)
    const evidence = withoutSeparator(rest)
    if (strong?.type !== 'strong' || evidence === '') {
      report(file, 'Checklist item is not a bold control followed by its evidence', item.position, 'checklist-format', 'Write each item as `- **A control a reviewer can verify.** The tool, test or record that proves it.`')
      continue
    }
    checklist.push({control: toString(strong).trim(), evidence, position: item.position})
  }
  if (englishCount !== undefined) {
    if (items.length !== englishCount) report(file, `Translated page has ${items.length} checklist items; the English page has ${englishCount}`, section.heading.position, 'translation-structure', 'Translate every checklist item, in the same order')
  } else if (items.length < checklistSize.min || items.length > checklistSize.max) {
    report(file, `${items.length} checklist item${items.length === 1 ? '' : 's'}; a checklist has ${checklistSize.min} to ${checklistSize.max}`, section.heading.position, 'checklist-count', items.length < checklistSize.min ? 'Add controls a reviewer can verify, each with its evidence' : 'Keep the controls that matter most; merge or drop the rest')
  }
  return checklist
}

function readReferences(section: Section, file: VFile, referenceLinks: Set<Link>, englishCount?: number): Reference[] {
  const lists = section.children.filter((node): node is List => node.type === 'list')
  const references: Reference[] = []
  const items = lists.flatMap((list) => list.children)
  for (const item of items) {
    const {first: link, rest} = itemLead(item)
    if (link?.type !== 'link') {
      report(file, 'Reference does not open with a link', item.position, 'reference-format', 'Write each reference as `- [Title](https://...) - Authors, venue, year.`')
      continue
    }
    referenceLinks.add(link)
    if (!isAbsoluteHttpUrl(link.url)) {
      report(file, `Reference URL \`${link.url}\` is not an absolute http(s) URL`, link.position, 'reference-url', 'Use the full address, starting with `https://`')
      continue
    }
    references.push({title: toString(link).trim(), url: link.url, note: withoutSeparator(rest), position: item.position})
  }
  if (englishCount !== undefined && items.length !== englishCount) {
    report(file, `Translated page has ${items.length} references; the English page has ${englishCount}`, section.heading.position, 'translation-structure', 'Keep every reference of the English page, in the same order')
  } else if (items.length < minimumReferences) {
    report(file, `${items.length} reference${items.length === 1 ? '' : 's'}; at least ${minimumReferences} are required`, section.heading.position, 'reference-count', 'List the papers, standards and incident reports the text relies on')
  }
  return references
}

function readControls(section: Section): Control[] {
  const controls: Control[] = []
  for (const list of section.children) {
    if (list.type !== 'list') continue
    for (const item of list.children) {
      const {first: strong} = itemLead(item)
      if (strong?.type === 'strong') controls.push({name: leadName(strong), position: item.position})
    }
  }
  return controls
}

/**
 * How list items of the fixed sections open: a bold name (controls, signals,
 * checklist items) or a link (references), then text. Returns that first node
 * of the item's opening paragraph and the text after it.
 */
function itemLead(item: ListItem): {first: PhrasingContent | undefined; rest: string} {
  const paragraph = item.children[0]
  if (paragraph?.type !== 'paragraph') return {first: undefined, rest: ''}
  return {first: paragraph.children[0], rest: paragraph.children.slice(1).map((node) => toString(node)).join('').trim()}
}

/** The text after a lead without the dash, colon or comma that may separate them. */
function withoutSeparator(text: string): string {
  return text.replace(/^\s*[-:,]\s*/, '').trim()
}

/** The name a bold lead gives, without its closing full stop or colon. */
function leadName(strong: Strong): string {
  return toString(strong).replace(/[.:]\s*$/, '').trim()
}

function isAbsoluteHttpUrl(url: string): boolean {
  if (!/^https?:\/\//i.test(url)) return false
  try {
    const parsed = new URL(url)
    return parsed.hostname.includes('.') && !/\s/.test(url)
  } catch {
    return false
  }
}

/** Front matter checks that need the file name: id and slug must match it. */
export function checkRiskName(data: RiskFrontMatter, name: string, file: VFile, place: Point): void {
  const expectedName = `${data.id}-${data.slug}`
  if (name === expectedName) return
  const [fileId] = name.split('-', 1)
  if (fileId !== data.id) {
    report(file, `Risk id \`${data.id}\` does not match the file name \`${name}.md\``, place, 'id-file-name', `Rename the file to \`${expectedName}.md\` (and update the edition manifest), or set \`id: ${fileId}\``)
  } else {
    report(file, `Slug \`${data.slug}\` does not match the file name \`${name}.md\``, place, 'id-file-name', `Rename the file to \`${expectedName}.md\` (and update the edition manifest), or set the slug to match; keep the old slug in \`formerly\``)
  }
}
