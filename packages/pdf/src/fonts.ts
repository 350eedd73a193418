import {readFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import {dirname, join} from 'node:path'
import {scriptOf} from '@mltop10/i18n'
import {fontFamilies, readFontFaces, type FontFace, type FontFamily} from '@mltop10/render'

const packageRoot = dirname(createRequire(import.meta.url).resolve('@mltop10/pdf/package.json'))

/** The families a locale's documents use: the Latin ones, and the one for its script. */
function familiesFor(locale: string): FontFamily[] {
  const script = scriptOf(locale)
  return fontFamilies.filter((family) => family.print.length > 0 && (family.script === undefined || family.script === script))
}

// Read once per process: every PDF of a build (each locale, each edition) uses the same files.
let faces: FontFace[] | undefined
const fontData = new Map<string, string>()
let css: string | undefined

/** Every face the print edition may embed, with its unicode ranges. */
function allFaces(): FontFace[] {
  faces ??= fontFamilies.flatMap((family) => family.print.flatMap((sheet) => readFontFaces(family, sheet)))
  return faces
}

/**
 * `@font-face` rules, with the font data inlined, for every face that covers a
 * character of the given text: the PDF then embeds these fonts, in any script,
 * and never the machine's. Faces no character needs are left out, which keeps a
 * Japanese document from carrying all 120 parts of its font.
 *
 * @param text Every character the document may show.
 * @param locale The document's locale: it decides which script's font joins Noto Sans.
 */
export function fontFaces(text: string, locale: string): string {
  const allowed = new Set(familiesFor(locale))
  const codes = new Set<number>()
  for (const character of text) codes.add(character.codePointAt(0)!)
  const sorted = [...codes].sort((a, b) => a - b)
  const covers = (face: FontFace) => face.ranges.some(([start, end]) => sorted.some((code) => code >= start && code <= end))
  return allFaces()
    .filter((face) => allowed.has(face.family) && covers(face))
    .map((face) => {
      let data = fontData.get(face.path)
      if (data === undefined) fontData.set(face.path, (data = readFileSync(face.path).toString('base64')))
      const range = face.ranges.map(([start, end]) => (start === end ? `U+${start.toString(16)}` : `U+${start.toString(16)}-${end.toString(16)}`)).join(', ')
      return `@font-face { font-family: '${face.family.family}'; font-style: ${face.style}; font-weight: ${face.weight}; src: url(data:font/woff2;base64,${data}) format('woff2'); unicode-range: ${range}; }`
    })
    .join('\n')
}

/** The font stack of a locale's print edition: Noto Sans first, then its script's family. */
export function fontStack(locale: string): string {
  return familiesFor(locale).filter((family) => family.family !== 'Noto Sans Mono').map((family) => `'${family.family}'`).join(', ')
}

/** The print stylesheet. */
export function printCss(): string {
  css ??= readFileSync(join(packageRoot, 'assets', 'print.css'), 'utf8')
  return css
}
