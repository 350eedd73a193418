// The README's table of benchmark figures, made from one `pnpm bench --compare --record` run, so
// the figures a reader sees are the ones that run measured, never typed by hand.

/** @typedef {{id: string, label: string, value: number, unit: string, target?: {max: number, text: string} | undefined}} Metric */

/** The table's rows: the figures a reader compares, in reading order (figures not measured are left out). */
const rows = [
  'build.cold', 'build.noop', 'build.editEnglish', 'build.editTranslation', 'remote.replay', 'build.command',
  'site.english', 'site.vitepress', 'site.vitepressRatio',
  'pdf.en', 'pdf.mdToPdf', 'pdf.mdToPdfRatio', 'pdf.chromeFloor', 'pdf.floorRatio',
  'pdf.*', 'pdf.*.summary', 'epub.*',
  'dev.reload', 'dev.reloadTranslation',
  'scaling.perPage.*', 'scaling.memory.*', 'scaling.exponent.*',
  'tests.suite'
]

/** @param {number} value */
const grouped = (value) => Math.round(value).toLocaleString('en-US')

/**
 * A figure as the table shows it.
 *
 * @param {Metric} metric
 */
export function formatFigure(metric) {
  if (metric.unit === 'ms') return metric.value >= 10_000 ? `${(metric.value / 1000).toFixed(1)} s` : `${grouped(metric.value)} ms`
  if (metric.unit === 'ratio' || metric.unit === 'exponent') return metric.value.toFixed(2)
  return `${grouped(metric.value)} ${metric.unit}`
}

/** @param {Metric} metric */
function verdict(metric) {
  if (!metric.target) return ''
  return `${metric.target.text}: ${metric.value <= metric.target.max ? 'met' : '**not met**'}`
}

/**
 * The Markdown table of a run's figures: one row per figure of `rows` that the run measured; the
 * per-language PDF, summary sheet and EPUB times share a row each.
 *
 * @param {readonly Metric[]} metrics
 * @returns {string}
 */
export function readmeTable(metrics) {
  const lines = ['| measurement | figure | target |', '|---|---|---|']
  const byId = new Map(metrics.map((metric) => [metric.id, metric]))
  for (const row of rows) {
    if (!row.includes('*')) {
      const metric = byId.get(row)
      if (metric) lines.push(`| ${metric.label} | ${formatFigure(metric)} | ${verdict(metric)} |`)
      continue
    }
    const [prefix = '', suffix = ''] = row.split('*')
    const middle = (/** @type {Metric} */ metric) => metric.id.slice(prefix.length, metric.id.length - suffix.length)
    // Per-language rows take only locale codes (`pdf.es`, not `pdf.mdToPdf`); scaling rows any factor.
    const fits = (/** @type {string} */ part) => (row.startsWith('scaling.') ? !part.includes('.') : /^[a-z]{2,3}(?:-[A-Z][a-z]{3}|-[A-Z]{2}|-\d{3})*$/.test(part))
    const matching = metrics.filter((metric) => metric.id.startsWith(prefix) && metric.id.endsWith(suffix) && fits(middle(metric)))
    if (matching.length === 0) continue
    if (row.startsWith('scaling.')) {
      for (const metric of matching) lines.push(`| ${metric.label} | ${formatFigure(metric)} | ${verdict(metric)} |`)
      continue
    }
    const names = matching.map(middle)
    const what = row === 'pdf.*' ? 'PDF' : row === 'pdf.*.summary' ? 'one-page summary sheet' : 'EPUB'
    lines.push(`| ${what} per language: ${names.join(' / ')} | ${matching.map((metric) => formatFigure(metric)).join(' / ')} | |`)
  }
  return `${lines.join('\n')}\n`
}

/**
 * The README with its table (between `<!-- bench-table -->` and `<!-- /bench-table -->`) replaced.
 *
 * @param {string} readme
 * @param {string} table
 * @param {string} caption The line above the table: machine, runs, command.
 */
export function replaceReadmeTable(readme, table, caption) {
  const start = '<!-- bench-table -->'
  const end = '<!-- /bench-table -->'
  const from = readme.indexOf(start)
  const to = readme.indexOf(end)
  if (from === -1 || to < from) throw new Error(`README.md has no ${start} ... ${end} section for the benchmark table`)
  return `${readme.slice(0, from + start.length)}\n${caption}\n\n${table}${readme.slice(to)}`
}
