import {atlasTechniques, licenses, llmTop10, pageStates, scoreFactors, scoreLevel, type LocalizedEdition} from '@mltop10/core'

/** The version of the export format; bumped when fields change meaning. */
export const exportFormatVersion = '1.0.0'

/**
 * The edition as data for tools: every risk with its id, names, slug, former
 * names, summary, scores with their derived labels, mappings, scenario titles
 * and references; every page with its hash and, in a translation, its state.
 * Plain JSON-able data, keys in a fixed order, so the same input gives the same bytes.
 *
 * @param localized A validated edition in one language, with the state of every page.
 */
export function exportEdition(localized: LocalizedEdition) {
  const {edition} = localized
  const {manifest} = edition
  const states = pageStates(localized)
  return {
    $schema: `https://owasp.org/www-project-machine-learning-security-top-10/schema/edition-${exportFormatVersion}.json`,
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
      scores: Object.fromEntries(scoreFactors.map((factor) => [factor, {score: risk.scores[factor], level: scoreLevel(risk.scores[factor])}])),
      mappings: {
        atlas: risk.mappings.atlas.map((id) => ({id, name: atlasTechniques[id]?.name ?? '', url: `https://atlas.mitre.org/techniques/${id}`})),
        llm: risk.mappings.llm.map((id) => ({id, name: llmTop10[id]?.name ?? ''}))
      },
      scenarios: risk.scenarios.map((scenario) => ({id: scenario.id, title: scenario.title})),
      references: risk.references.map((reference) => ({title: reference.title, url: reference.url, note: reference.note}))
    })),
    pages: edition.documents.map((document) => ({name: document.name, kind: document.kind, title: document.title, hash: document.hash, translation: states.get(document.name) ?? 'missing'}))
  }
}

/** The exported data of one edition in one locale. */
export type EditionExport = ReturnType<typeof exportEdition>

const csvColumns = ['id', 'rank', 'title', 'slug', 'formerly', 'summary', ...scoreFactors.flatMap((factor) => [factor, `${factor}Level`]), 'atlas', 'llm', 'scenarios', 'references'] as const

/**
 * The risks as CSV (RFC 4180) for spreadsheets: one row per risk, lists joined
 * with `; `, a header row, CRLF line ends.
 *
 * @param data An edition export.
 */
export function toCsv(data: EditionExport): string {
  const cell = (value: string | number) => {
    const text = String(value)
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
  }
  const rows = data.risks.map((risk) => {
    const scores = risk.scores as Record<string, {score: number; level: string}>
    return [
      risk.id,
      risk.rank,
      risk.title,
      risk.slug,
      risk.formerly.map((former) => former.title).join('; '),
      risk.summary,
      ...scoreFactors.flatMap((factor) => [scores[factor]!.score, scores[factor]!.level]),
      risk.mappings.atlas.map((technique) => technique.id).join('; '),
      risk.mappings.llm.map((entry) => entry.id).join('; '),
      risk.scenarios.map((scenario) => scenario.title).join('; '),
      risk.references.map((reference) => reference.url).join('; ')
    ].map(cell)
  })
  return [csvColumns.join(','), ...rows.map((row) => row.join(','))].join('\r\n') + '\r\n'
}
