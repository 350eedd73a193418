import {readFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import {dirname, join} from 'node:path'
import {printFaces, printFamilies, unicodeRange, type FontFace} from '@mltop10/render'

const packageRoot = dirname(createRequire(import.meta.url).resolve('@mltop10/pdf/package.json'))

// Read once per process: every PDF of a build (each locale, each edition) uses the same files.
const fontData = new Map<string, string>()
let css: string | undefined

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
  const allowed = new Set(printFamilies(locale))
  const codes = new Set<number>()
  for (const character of text) codes.add(character.codePointAt(0)!)
  const sorted = [...codes].sort((a, b) => a - b)
  const covers = (face: FontFace) => face.ranges.some(([start, end]) => sorted.some((code) => code >= start && code <= end))
  return printFaces()
    .filter((face) => allowed.has(face.family) && covers(face))
    .map((face) => {
      let data = fontData.get(face.path)
      if (data === undefined) fontData.set(face.path, (data = readFileSync(face.path).toString('base64')))
      return `@font-face { font-family: '${face.family.family}'; font-style: ${face.style}; font-weight: ${face.weight}; src: url(data:font/woff2;base64,${data}) format('woff2'); unicode-range: ${unicodeRange(face.ranges)}; }`
    })
    .join('\n')
}

/** The print stylesheet. */
export function printCss(): string {
  css ??= readFileSync(join(packageRoot, 'assets', 'print.css'), 'utf8')
  return css
}
