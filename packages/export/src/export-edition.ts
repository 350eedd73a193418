import {licenses, mappingCatalogues, mappingFields, pageStates, scoreFactors, scoreLevel, type LocalizedEdition} from '@mltop10/core'
import {exportFormatVersion, schemaId, type EditionExport} from './schema.js'

/**
 * The edition as data for tools: every risk with its id, names, slug, former
 * names, summary, scores with their derived labels, mappings to every
 * catalogue (id, name, address), the signals and first response steps of
 * "Detect and Respond", the checklist, scenario titles and references; every
 * page with its hash and, in a translation, its state. Plain JSON-able data,
 * keys in a fixed order, so the same input gives the same bytes.
 *
 * @param localized A validated edition in one language, with the state of every page.
 */
export function exportEdition(localized: LocalizedEdition): EditionExport {
  const {edition} = localized
  const {manifest} = edition
  const states = pageStates(localized)
  return {
    $schema: schemaId,
    format: exportFormatVersion,
    title: manifest.title,
    edition: manifest.edition,
    version: manifest.version,
    status: manifest.status,
    released: manifest.released,
    license: {id: manifest.license, name: licenses[manifest.license]?.name ?? manifest.license, url: licenses[manifest.license]?.url ?? ''},
    locale: localized.locale.code,
    risks: edition.risks.map((risk) => ({
      id: risk.id,
      rank: risk.rank,
      title: risk.title,
      slug: risk.slug,
      formerly: risk.formerly.map((former) => ({title: former.title, slug: former.slug})),
      summary: risk.summary,
      scores: Object.fromEntries(scoreFactors.map((factor) => [factor, {score: risk.scores[factor], level: scoreLevel(risk.scores[factor])}])) as EditionExport['risks'][number]['scores'],
      mappings: Object.fromEntries(
        mappingFields.map((field) => [
          field,
          risk.mappings[field].map((id) => {
            const entry = mappingCatalogues[field].catalogue[id]
            return {id, name: entry?.name ?? id, url: entry?.url ?? ''}
          })
        ])
      ) as EditionExport['risks'][number]['mappings'],
      detectAndRespond: {
        signals: risk.detectAndRespond.signals.map((signal) => ({name: signal.name, detail: signal.detail})),
        steps: [...risk.detectAndRespond.steps]
      },
      checklist: risk.checklist.map((item) => ({control: item.control, evidence: item.evidence})),
      scenarios: risk.scenarios.map((scenario) => ({id: scenario.id, title: scenario.title})),
      references: risk.references.map((reference) => ({title: reference.title, url: reference.url, note: reference.note}))
    })),
    pages: edition.documents.map((document) => ({name: document.name, kind: document.kind, title: document.title, hash: document.hash, translation: states.get(document.name) ?? 'missing'}))
  }
}

/** A CSV file (RFC 4180): a header row and rows, quoted where needed, CRLF line ends. */
function csv(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const cell = (value: string | number) => {
    const text = String(value)
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
  }
  return [header, ...rows].map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n'
}

/**
 * The risks as CSV for spreadsheets: one row per risk, lists joined with `; `
 * (mappings as ids).
 *
 * @param data An edition export.
 */
export function toCsv(data: EditionExport): string {
  const header = ['id', 'rank', 'title', 'slug', 'formerly', 'summary', ...scoreFactors.flatMap((factor) => [factor, `${factor}Level`]), ...mappingFields, 'signals', 'checklist', 'scenarios', 'references']
  return csv(
    header,
    data.risks.map((risk) => [
      risk.id,
      risk.rank,
      risk.title,
      risk.slug,
      risk.formerly.map((former) => former.title).join('; '),
      risk.summary,
      ...scoreFactors.flatMap((factor) => [risk.scores[factor].score, risk.scores[factor].level]),
      ...mappingFields.map((field) => risk.mappings[field].map((entry) => entry.id).join('; ')),
      risk.detectAndRespond.signals.map((signal) => signal.name).join('; '),
      risk.checklist.map((item) => item.control).join('; '),
      risk.scenarios.map((scenario) => scenario.title).join('; '),
      risk.references.map((reference) => reference.url).join('; ')
    ])
  )
}

/**
 * The checklists as CSV, to import into a review tracker: one row per
 * control, with its risk, number, control and evidence.
 *
 * @param data An edition export.
 */
export function checklistCsv(data: EditionExport): string {
  return csv(
    ['risk', 'title', 'item', 'control', 'evidence'],
    data.risks.flatMap((risk) => risk.checklist.map((item, index) => [risk.id, risk.title, index + 1, item.control, item.evidence]))
  )
}

/**
 * The mappings matrix as CSV: one row per risk, one column per catalogue,
 * each cell the ids with their names, joined with `; `.
 *
 * @param data An edition export.
 */
export function mappingsCsv(data: EditionExport): string {
  return csv(
    ['risk', 'title', ...mappingFields],
    data.risks.map((risk) => [risk.id, risk.title, ...mappingFields.map((field) => risk.mappings[field].map((entry) => `${entry.id} ${entry.name}`).join('; '))])
  )
}
