import {describe, expect, it} from 'vitest'
import * as render from '../src/index.js'

describe('public API', () => {
  it('exposes exactly the documented names', () => {
    expect(Object.keys(render).sort()).toEqual(['coveredCharacters', 'describeChange', 'externalLink', 'fontFamilies', 'printFaces', 'printFamilies', 'printFontStack', 'readFontFaces', 'renderBookCover', 'renderBookDocument', 'renderDocumentBody', 'renderMappingMatrix', 'renderMappings', 'renderRiskMap', 'renderScore', 'riskMapCss', 'subsetFaces', 'unicodeRange'])
  })
})

describe('readFontFaces', () => {
  it.each(render.fontFamilies.flatMap((family) => [...new Set([...family.print, ...family.site])].map((sheet) => [family.family, sheet, family] as const)))(
    'reads the faces of %s %s, each with its file and unicode ranges',
    (_name, sheet, family) => {
      const faces = render.readFontFaces(family, sheet)
      expect(faces.length).toBeGreaterThan(0)
      for (const face of faces) {
        expect(face.file).toMatch(/\.woff2$/)
        expect(face.weight).toBe(Number.parseInt(sheet, 10))
        expect(face.style).toBe(sheet.endsWith('-italic') ? 'italic' : 'normal')
        expect(face.ranges.length).toBeGreaterThan(0)
        for (const [start, end] of face.ranges) expect(end).toBeGreaterThanOrEqual(start)
      }
    }
  )

  it('covers Japanese with the Japanese family', () => {
    const japanese = render.fontFamilies.find((family) => family.script === 'Jpan')!
    const code = 'あ'.codePointAt(0)!
    expect(render.readFontFaces(japanese, '400').some((face) => face.ranges.some(([start, end]) => code >= start && code <= end))).toBe(true)
  })
})
