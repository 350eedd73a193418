// The scaling chart of the benchmarks: a well-formed, accessible SVG with a marker per
// measurement in each series, the 1 GB memory limit, and the same bytes for the same rows.
import {describe, expect, it} from 'vitest'
import {scalingSvg} from '../bench/plot.mjs'

const rows = [
  {pages: 26, wallMs: 512, peakRssMb: 127},
  {pages: 260, wallMs: 2900, peakRssMb: 250},
  {pages: 2600, wallMs: 27000, peakRssMb: 800}
]
const title = 'Site build: time & memory by pages'

/** Checks that every tag is closed in order and that text holds no raw `<` or stray `&`; returns the element names. */
function wellFormed(svg: string): string[] {
  const stack: string[] = []
  const names: string[] = []
  const tag = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/y
  let index = 0
  while (index < svg.length) {
    const next = svg.indexOf('<', index)
    const text = svg.slice(index, next === -1 ? svg.length : next)
    expect(text.replace(/&(?:amp|lt|gt|quot|#\d+);/g, '')).not.toMatch(/[&>]/)
    if (next === -1) break
    tag.lastIndex = next
    const match = tag.exec(svg)
    if (!match) throw new Error(`malformed tag at ${next}: ${svg.slice(next, next + 60)}`)
    const [whole, closing, name, attributes, selfClosing] = match as unknown as [string, string, string, string, string]
    expect(attributes.replace(/&(?:amp|lt|gt|quot|#\d+);/g, '')).not.toMatch(/&/)
    if (closing) expect(stack.pop(), `</${name}> closes the open element`).toBe(name)
    else {
      names.push(name)
      if (!selfClosing) stack.push(name)
    }
    index = next + whole.length
  }
  expect(stack).toEqual([])
  return names
}

const count = (text: string, pattern: RegExp) => text.match(pattern)?.length ?? 0

describe('scalingSvg', () => {
  const svg = scalingSvg(rows, {title})

  it('is one well-formed svg element', () => {
    const names = wellFormed(svg.trim())
    expect(names[0]).toBe('svg')
    expect(count(svg, /<svg\b/g)).toBe(1)
    expect(svg.trim().endsWith('</svg>')).toBe(true)
  })

  it('is accessible and self-contained', () => {
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]* viewBox="0 0 \d+ \d+"[^>]* role="img"/)
    expect(svg).toContain('<title id="scaling-site-build-time-memory-by-pages-title">Site build: time &amp; memory by pages</title>')
    const labelledBy = /aria-labelledby="([^"]+)"/.exec(svg)?.[1]?.split(' ') ?? []
    expect(labelledBy).toHaveLength(2)
    for (const id of labelledBy) expect(svg).toContain(`id="${id}"`)
    expect(svg).toMatch(/<desc id="[^"]+">[^<]*2,600 pages 27 s[^<]*800 MB/)
    expect(svg).toContain('font-family="system-ui')
    expect(svg).toMatch(/<rect width="\d+" height="\d+" fill="#ffffff"\/>/)
    expect(svg).not.toMatch(/<(?:script|style|image|foreignObject)\b|@import|url\(|href=/)
  })

  it('has one marker per row in each series, the reference line and the 1 GB limit', () => {
    expect(count(svg, /<circle class="marker-time"/g)).toBe(rows.length)
    expect(count(svg, /<rect class="marker-memory"/g)).toBe(rows.length)
    expect(svg).toMatch(/<polyline class="series-memory"[^>]* stroke-dasharray=/)
    expect(svg).toMatch(/<polyline class="reference"[^>]* stroke-dasharray=/)
    expect(svg).toMatch(/<line class="limit"[^>]* stroke-dasharray=/)
    expect(svg).toContain('>1 GB limit</text>')
    for (const label of ['10', '100', '1,000', '10,000']) expect(svg).toContain(`text-anchor="middle">${label}</text>`)
  })

  it('rounds numbers to 1 decimal', () => {
    const numbers = svg.match(/\d+\.\d+/g) ?? []
    expect(numbers.length).toBeGreaterThan(0)
    expect(numbers.filter((number) => !/^\d+\.\d$/.test(number))).toEqual([])
  })

  it('gives the same bytes for the same rows, in any order', () => {
    expect(scalingSvg(rows.map((row) => ({...row})), {title})).toBe(svg)
    expect(scalingSvg([...rows].reverse(), {title})).toBe(svg)
  })

  it('shows the limit when memory is far below it and scales the memory axis above it', () => {
    const small = scalingSvg([{pages: 30, wallMs: 100, peakRssMb: 40}, {pages: 60, wallMs: 150, peakRssMb: 45}, {pages: 90, wallMs: 210, peakRssMb: 50}], {title: 'Small'})
    expect(small).toContain('>1 GB limit</text>')
    expect(small).toMatch(/>1,\d{3}<\/text>/)
    const large = scalingSvg(Array.from({length: 8}, (_, index) => ({pages: 26 * 2 ** index, wallMs: 500 * 2 ** index, peakRssMb: 100 * 1.5 ** index})), {title: 'Eight rows'})
    wellFormed(large.trim())
    expect(count(large, /<circle class="marker-time"/g)).toBe(8)
    expect(count(large, /<rect class="marker-memory"/g)).toBe(8)
    expect(large).toContain('>2,000</text>')
  })

  it('rejects rows it cannot plot', () => {
    expect(() => scalingSvg([], {title})).toThrow(/no rows/)
    expect(() => scalingSvg([{pages: 0, wallMs: 1, peakRssMb: 1}], {title})).toThrow(/invalid row/)
  })
})
