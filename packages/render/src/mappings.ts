import type {Element, ElementContent} from 'hast'
import {h} from 'hastscript'
import {mappingCatalogues, mappingFields, type MappingField, type RiskDocument} from '@mltop10/core'
import type {Translator} from '@mltop10/i18n'
import {externalLink} from './external-link.js'
import {isolateBidiRuns} from './transforms/bidi-isolation.js'

/** How an id is shown: LLM Top 10 entries carry their list's year, as OWASP writes them. */
function label(field: MappingField, id: string): string {
  return field === 'llm' ? `${id}:2025` : id
}

/** A link to a catalogue entry: its id, then (unless `short`) its name. */
function entryLink(field: MappingField, id: string, external: string, short: boolean): Element {
  const entry = mappingCatalogues[field].catalogue[id]
  const name = entry?.name ?? ''
  return short
    ? externalLink(entry?.url ?? '', [h('span.mapping-id', {title: name}, label(field, id))], `${name} ${external}`)
    : externalLink(entry?.url ?? '', [h('span.mapping-id', label(field, id)), ` ${name}`], external)
}

/**
 * The mappings section of a risk: the NIST AI 100-2 attacks, MITRE ATLAS
 * techniques and mitigations, CWE weaknesses and OWASP Top 10 for LLM
 * Applications entries it maps to, each linked to its catalogue.
 *
 * @param risk The risk document.
 * @param t UI strings.
 * @param id Id of the section heading.
 * @param matrix The href of the mappings matrix, when there is one to link to.
 */
export function renderMappings(risk: RiskDocument, t: Translator['t'], id: string, matrix?: string): Element {
  const external = t('site.externalLink')
  const entries = mappingFields.flatMap((field) => (risk.mappings[field].length === 0 ? [] : [h('dt', t(`risk.mappings.${field}`)), h('dd', h('ul', risk.mappings[field].map((entry) => h('li', entryLink(field, entry, external, false)))))]))
  const section = h('section.section.section-mappings', {ariaLabelledBy: id}, [h('h2', {id}, t('risk.mappings.heading')), h('dl.mappings', entries), ...(matrix ? [h('p', h('a', {href: matrix}, t('matrix.seeAll')))] : [])])
  isolateBidiRuns(section)
  return section
}

/** Options of `renderMappingMatrix`. */
export interface MappingMatrixOptions {
  readonly t: Translator['t']
  /** The href of a risk's page (site) or section (print). */
  readonly href: (risk: RiskDocument) => string
}

/**
 * The mappings matrix: a table with a row per risk and a column per catalogue,
 * every id linked to its catalogue entry (its name in the link's title and
 * accessible name). A risk without an entry in a catalogue says so.
 *
 * @param risks The risks, in rank order.
 * @param options UI strings and links.
 */
export function renderMappingMatrix(risks: readonly RiskDocument[], options: MappingMatrixOptions): Element {
  const {t} = options
  const external = t('site.externalLink')
  const cell = (risk: RiskDocument, field: MappingField): ElementContent =>
    h('td', risk.mappings[field].length === 0 ? h('span.mapping-none', t('matrix.none')) : h('ul.mapping-ids', risk.mappings[field].map((entry) => h('li', entryLink(field, entry, external, true)))))
  return h('table.mapping-matrix', [
    h('caption', t('matrix.caption')),
    h('thead', h('tr', [h('th', {scope: 'col'}, t('matrix.risk')), ...mappingFields.map((field) => h('th', {scope: 'col'}, t(`risk.mappings.${field}`)))])),
    h('tbody', risks.map((risk) => h('tr', [h('th', {scope: 'row'}, h('a', {href: options.href(risk)}, [h('span.risk-id', {dir: 'ltr'}, risk.id), ` ${risk.title}`])), ...mappingFields.map((field) => cell(risk, field))])))
  ])
}
