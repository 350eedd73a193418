// Charts of benchmark results as standalone SVG: no fonts, stylesheets or scripts to load,
// a white background so they read the same on light and dark pages, and the same bytes
// for the same rows, so a chart committed with its results only changes when they do.

const width = 900
const height = 560
const plot = {left: 84, right: width - 92, top: 96, bottom: height - 84}
const colours = {text: '#1f2937', muted: '#4b5563', axis: '#6b7280', grid: '#e5e7eb', time: '#1d4ed8', memory: '#c2410c', reference: '#4b5563', limit: '#374151'}
const fontFamily = 'system-ui, -apple-system, \'Segoe UI\', Roboto, \'Helvetica Neue\', Arial, sans-serif'
const limitMb = 1024

/**
 * A coordinate rounded to 1 decimal, without a trailing `.0` or a negative zero.
 *
 * @param {number} value
 */
const n = (value) => String(Math.round(value * 10) / 10 + 0)
/**
 * An integer with thousands separators, the same whatever the locale.
 *
 * @param {number} value
 */
const thousands = (value) => String(Math.round(value)).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
/**
 * A tick value without floating point noise (0.30000000000000004 → 0.3), with separators.
 *
 * @param {number} value
 */
const tickLabel = (value) => {
  const clean = Number(value.toFixed(6))
  return Number.isInteger(clean) ? thousands(clean) : String(clean)
}
/**
 * Seconds for prose: 1 decimal below 10 s, whole seconds above.
 *
 * @param {number} ms
 */
const seconds = (ms) => (ms < 10_000 ? String(Math.round(ms / 100) / 10) : thousands(ms / 1000))
/** @param {string} text */
const escape = (text) => String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

/**
 * The smallest step of the form m × 10^k (m in `mantissas`) that is at least `rough`.
 *
 * @param {number} rough
 * @param {readonly number[]} mantissas
 */
function niceStep(rough, mantissas) {
  const power = 10 ** Math.floor(Math.log10(rough))
  for (const mantissa of mantissas) if (mantissa * power >= rough * (1 - 1e-9)) return mantissa * power
  return 10 * power
}

/**
 * A line chart of how a build grows with the number of pages, as a standalone, accessible
 * SVG document (900 × 560): build time in seconds on the left axis (solid line, round
 * markers) and peak memory in MB on the right axis (dashed line, square markers) against
 * pages on a logarithmic axis, with a dotted line for time growing linearly from the
 * smallest point and a dashed line for the 1 GB memory limit (the memory axis always
 * reaches 1,100 MB, so the limit always shows). Lines interpolate linearly in pages between
 * measured points, like the reference, so they curve on the logarithmic axis and stay below
 * the reference wherever the points do. Each marker has a `<title>` with its values
 * and a class, `marker-time` or `marker-memory`. Coordinates are rounded to 1 decimal and
 * the output depends only on the arguments.
 *
 * @param {{pages: number, wallMs: number, peakRssMb: number}[]} rows Measurements, 3 to 8 usually, in any order.
 * @param {{title: string}} options `title` is drawn at the top and is the SVG's accessible name.
 * @returns {string} The SVG document, ending with a newline.
 */
export function scalingSvg(rows, {title}) {
  if (!Array.isArray(rows)) throw new Error('scalingSvg: no rows to plot')
  for (const row of rows) {
    if (!(row.pages > 0) || !(row.wallMs >= 0) || !(row.peakRssMb >= 0)) throw new Error(`scalingSvg: invalid row ${JSON.stringify(row)}`)
  }
  const data = [...rows].sort((a, b) => a.pages - b.pages || a.wallMs - b.wallMs)
  const first = data[0]
  const last = data.at(-1)
  if (!first || !last) throw new Error('scalingSvg: no rows to plot')
  const id = `scaling-${String(title).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'chart'}`

  // x: whole decades around the data, logarithmic.
  const lowDecade = Math.floor(Math.log10(first.pages))
  let highDecade = Math.ceil(Math.log10(last.pages))
  if (highDecade === lowDecade) highDecade++
  /** @param {number} pages */
  const x = (pages) => plot.left + ((Math.log10(pages) - lowDecade) / (highDecade - lowDecade)) * (plot.right - plot.left)

  // Left axis (seconds) in about 6 steps of 1, 2 or 5 × 10^k; the right axis (MB) uses as many
  // steps, so both share the grid lines, and reaches at least 1,100 MB.
  const maxSeconds = Math.max(...data.map((row) => row.wallMs)) / 1000 * 1.05 || 1
  const timeStep = niceStep(maxSeconds / 6, [1, 2, 5])
  const divisions = Math.max(2, Math.ceil(maxSeconds / timeStep - 1e-9))
  const timeMax = timeStep * divisions
  const memoryNeed = Math.max(1100, Math.max(...data.map((row) => row.peakRssMb)) * 1.05)
  const memoryStep = niceStep(memoryNeed / divisions, [1, 2, 2.5, 5])
  const memoryMax = memoryStep * divisions
  /** @param {number} ms */
  const yTime = (ms) => plot.bottom - (ms / 1000 / timeMax) * (plot.bottom - plot.top)
  /** @param {number} mb */
  const yMemory = (mb) => plot.bottom - (mb / memoryMax) * (plot.bottom - plot.top)

  const desc = [
    `Line chart with a logarithmic x axis of pages from ${thousands(10 ** lowDecade)} to ${thousands(10 ** highDecade)}, build time in seconds on the left axis and peak memory in MB on the right axis.`,
    `Build time: ${data.map((row) => `${thousands(row.pages)} pages ${seconds(row.wallMs)} s`).join(', ')}.`,
    `Peak memory: ${data.map((row) => `${thousands(row.pages)} pages ${thousands(row.peakRssMb)} MB`).join(', ')}.`,
    data.length > 1 && first.wallMs > 0
      ? `From the smallest to the largest point, pages grow ${tickLabel(Math.round((last.pages / first.pages) * 10) / 10)} times and build time ${tickLabel(Math.round((last.wallMs / first.wallMs) * 10) / 10)} times.`
      : '',
    'A dotted line shows build time growing linearly with pages from the smallest point, for comparison; a dashed line marks the 1 GB memory limit.'
  ].filter(Boolean).join(' ')

  const out = []
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${id}-title ${id}-desc" font-family="${escape(fontFamily)}" font-size="13" fill="${colours.text}">`)
  out.push(`<title id="${id}-title">${escape(title)}</title>`)
  out.push(`<desc id="${id}-desc">${escape(desc)}</desc>`)
  out.push(`<rect width="${width}" height="${height}" fill="#ffffff"/>`)
  out.push(`<text x="${plot.left}" y="36" font-size="19" font-weight="600">${escape(title)}</text>`)

  // Grid: a line per decade and per left-axis step.
  out.push(`<g stroke="${colours.grid}" stroke-width="1">`)
  for (let decade = lowDecade; decade <= highDecade; decade++) out.push(`<line x1="${n(x(10 ** decade))}" y1="${plot.top}" x2="${n(x(10 ** decade))}" y2="${plot.bottom}"/>`)
  for (let step = 1; step <= divisions; step++) out.push(`<line x1="${plot.left}" y1="${n(yTime(step * timeStep * 1000))}" x2="${plot.right}" y2="${n(yTime(step * timeStep * 1000))}"/>`)
  out.push('</g>')

  // Axes with their ticks and labels.
  out.push(`<g stroke="${colours.axis}" stroke-width="1">`)
  out.push(`<line x1="${plot.left}" y1="${plot.bottom}" x2="${plot.right}" y2="${plot.bottom}"/>`)
  out.push(`<line x1="${plot.left}" y1="${plot.top}" x2="${plot.left}" y2="${plot.bottom}"/>`)
  out.push(`<line x1="${plot.right}" y1="${plot.top}" x2="${plot.right}" y2="${plot.bottom}"/>`)
  for (let decade = lowDecade; decade <= highDecade; decade++) {
    for (let multiple = 1; multiple <= (decade < highDecade ? 9 : 1); multiple++) {
      const tickX = n(x(multiple * 10 ** decade))
      out.push(`<line x1="${tickX}" y1="${plot.bottom}" x2="${tickX}" y2="${plot.bottom + (multiple === 1 ? 6 : 3)}"/>`)
    }
  }
  for (let step = 0; step <= divisions; step++) {
    out.push(`<line x1="${plot.left - 5}" y1="${n(yTime(step * timeStep * 1000))}" x2="${plot.left}" y2="${n(yTime(step * timeStep * 1000))}"/>`)
    out.push(`<line x1="${plot.right}" y1="${n(yMemory(step * memoryStep))}" x2="${plot.right + 5}" y2="${n(yMemory(step * memoryStep))}"/>`)
  }
  out.push('</g>')
  out.push(`<g font-size="12" fill="${colours.muted}">`)
  for (let decade = lowDecade; decade <= highDecade; decade++) out.push(`<text x="${n(x(10 ** decade))}" y="${plot.bottom + 22}" text-anchor="middle">${thousands(10 ** decade)}</text>`)
  for (let step = 0; step <= divisions; step++) {
    out.push(`<text x="${plot.left - 9}" y="${n(yTime(step * timeStep * 1000) + 4)}" text-anchor="end">${tickLabel(step * timeStep)}</text>`)
    out.push(`<text x="${plot.right + 9}" y="${n(yMemory(step * memoryStep) + 4)}">${tickLabel(step * memoryStep)}</text>`)
  }
  out.push('</g>')
  const middleY = n((plot.top + plot.bottom) / 2)
  out.push(`<text x="${n((plot.left + plot.right) / 2)}" y="${plot.bottom + 50}" text-anchor="middle">Pages (logarithmic scale)</text>`)
  out.push(`<text x="26" y="${middleY}" text-anchor="middle" transform="rotate(-90 26 ${middleY})" fill="${colours.time}">Build time (s)</text>`)
  out.push(`<text x="${width - 24}" y="${middleY}" text-anchor="middle" transform="rotate(90 ${width - 24} ${middleY})" fill="${colours.memory}">Peak memory (MB)</text>`)

  // 1 GB memory limit, labelled at the left where the data is lowest.
  const limitY = n(yMemory(limitMb))
  out.push(`<line class="limit" x1="${plot.left}" y1="${limitY}" x2="${plot.right}" y2="${limitY}" stroke="${colours.limit}" stroke-width="1.5" stroke-dasharray="6 4"/>`)
  out.push(`<text x="${plot.left + 8}" y="${n(yMemory(limitMb) - 6)}" font-size="12" fill="${colours.limit}">1 GB limit</text>`)

  // Linear growth from the smallest point (a curve on a logarithmic x axis), up to the top.
  if (data.length > 1 && first.wallMs > 0) {
    const end = Math.min(10 ** highDecade, first.pages * (timeMax * 1000 / first.wallMs))
    const samples = 48
    const points = []
    for (let index = 0; index <= samples; index++) {
      const pages = first.pages * (end / first.pages) ** (index / samples)
      points.push(`${n(x(pages))},${n(yTime(first.wallMs * pages / first.pages))}`)
    }
    out.push(`<polyline class="reference" points="${points.join(' ')}" fill="none" stroke="${colours.reference}" stroke-width="2" stroke-dasharray="1 5" stroke-linecap="round"/>`)
  }

  // The two series: memory (dashed, squares) under time (solid, circles). Between measured
  // points they interpolate linearly in pages, as the reference does, so they curve on the
  // logarithmic axis: straight segments there would cross the reference although both ends
  // are below it, and show faster than linear growth where there is none.
  /**
   * @param {(row: {pages: number, wallMs: number, peakRssMb: number}) => number} value
   * @param {(value: number) => number} y
   */
  const curve = (value, y) => {
    const points = [`${n(x(first.pages))},${n(y(value(first)))}`]
    let from = first
    for (const to of data.slice(1)) {
      const steps = to.pages > from.pages ? 16 : 1
      for (let step = 1; step <= steps; step++) {
        const pages = from.pages * (to.pages / from.pages) ** (step / steps)
        const share = to.pages > from.pages ? (pages - from.pages) / (to.pages - from.pages) : 1
        points.push(`${n(x(pages))},${n(y(value(from) + (value(to) - value(from)) * share))}`)
      }
      from = to
    }
    return points.join(' ')
  }
  out.push(`<polyline class="series-memory" points="${curve((row) => row.peakRssMb, yMemory)}" fill="none" stroke="${colours.memory}" stroke-width="2.5" stroke-dasharray="9 5" stroke-linejoin="round"/>`)
  out.push(`<polyline class="series-time" points="${curve((row) => row.wallMs, yTime)}" fill="none" stroke="${colours.time}" stroke-width="2.5" stroke-linejoin="round"/>`)
  for (const row of data) {
    const label = `${thousands(row.pages)} pages: ${thousands(row.peakRssMb)} MB peak memory`
    out.push(`<rect class="marker-memory" x="${n(x(row.pages) - 5)}" y="${n(yMemory(row.peakRssMb) - 5)}" width="10" height="10" fill="${colours.memory}" stroke="#ffffff" stroke-width="1.5"><title>${escape(label)}</title></rect>`)
  }
  for (const row of data) {
    const label = `${thousands(row.pages)} pages: ${seconds(row.wallMs)} s build time`
    out.push(`<circle class="marker-time" cx="${n(x(row.pages))}" cy="${n(yTime(row.wallMs))}" r="5.5" fill="${colours.time}" stroke="#ffffff" stroke-width="1.5"><title>${escape(label)}</title></circle>`)
  }

  // Legend, one row under the title; widths estimated from the label lengths.
  /** @type {{label: string, line: string, marker?: (cx: number, cy: number) => string}[]} */
  const legend = [
    {label: 'Build time (s, left axis)', line: `stroke="${colours.time}" stroke-width="2.5"`, marker: (cx, cy) => `<circle cx="${cx}" cy="${cy}" r="5.5" fill="${colours.time}" stroke="#ffffff" stroke-width="1.5"/>`},
    {label: 'Peak memory (MB, right axis)', line: `stroke="${colours.memory}" stroke-width="2.5" stroke-dasharray="9 5"`, marker: (cx, cy) => `<rect x="${cx - 5}" y="${cy - 5}" width="10" height="10" fill="${colours.memory}" stroke="#ffffff" stroke-width="1.5"/>`},
    {label: 'Linear time growth from smallest point', line: `stroke="${colours.reference}" stroke-width="2" stroke-dasharray="1 5" stroke-linecap="round"`}
  ]
  out.push('<g class="legend">')
  let legendX = plot.left
  const legendY = 64
  for (const item of legend) {
    out.push(`<line x1="${legendX}" y1="${legendY}" x2="${legendX + 32}" y2="${legendY}" ${item.line}/>`)
    if (item.marker) out.push(item.marker(legendX + 16, legendY))
    out.push(`<text x="${legendX + 40}" y="${legendY + 4}">${escape(item.label)}</text>`)
    legendX += 40 + Math.ceil(item.label.length * 6.9) + 24
  }
  out.push('</g>')
  out.push('</svg>')
  return `${out.join('\n')}\n`
}
