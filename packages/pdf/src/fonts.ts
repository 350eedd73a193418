import {readFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import {dirname, join} from 'node:path'

const packageRoot = dirname(createRequire(import.meta.url).resolve('@mltop10/pdf/package.json'))
const require = createRequire(join(packageRoot, 'package.json'))

/** Font packages of the print edition: Noto Sans for Latin, plus one per other script. */
const families = [
  {package: '@fontsource/noto-sans', family: 'Noto Sans', weights: [400, 700], italic: true, script: undefined},
  {package: '@fontsource/noto-sans-mono', family: 'Noto Sans Mono', weights: [400], italic: false, script: undefined},
  {package: '@fontsource/noto-sans-jp', family: 'Noto Sans JP', weights: [400, 700], italic: false, script: 'Jpan'},
  {package: '@fontsource/noto-sans-arabic', family: 'Noto Sans Arabic', weights: [400, 700], italic: false, script: 'Arab'}
] as const

/** The families a locale's documents use: the Latin ones, and the one for its script. */
function familiesFor(locale: string) {
  const script = new Intl.Locale(locale).maximize().script
  return families.filter((family) => family.script === undefined || family.script === script)
}

interface Face {
  readonly family: string
  readonly script: string | undefined
  readonly style: string
  readonly weight: number
  readonly file: string
  readonly ranges: readonly (readonly [number, number])[]
}

let faces: Face[] | undefined

/** Every face of every family, with its unicode ranges, read from the @fontsource stylesheets. */
function allFaces(): Face[] {
  if (faces) return faces
  faces = []
  for (const family of families) {
    for (const weight of family.weights) {
      const sheets = [`${weight}.css`, ...(family.italic && weight === 400 ? [`${weight}-italic.css`] : [])]
      for (const sheet of sheets) {
        const css = readFileSync(require.resolve(`${family.package}/${sheet}`), 'utf8')
        for (const block of css.match(/@font-face\s*\{[^}]*\}/g) ?? []) {
          const file = /url\(\.\/files\/([^)]+\.woff2)\)/.exec(block)?.[1]
          const range = /unicode-range:\s*([^;]+);/.exec(block)?.[1]
          if (!file || !range) continue
          const ranges = range.split(',').map((part) => {
            const [start, end] = part.trim().replace(/^U\+/i, '').split('-')
            return [Number.parseInt(start!, 16), Number.parseInt(end ?? start!, 16)] as const
          })
          faces.push({family: family.family, script: family.script, style: sheet.includes('italic') ? 'italic' : 'normal', weight, file, ranges})
        }
      }
    }
  }
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
  const allowed = new Set<string>(familiesFor(locale).map((family) => family.family))
  const codes = new Set<number>()
  for (const character of text) codes.add(character.codePointAt(0)!)
  const sorted = [...codes].sort((a, b) => a - b)
  const covers = (face: Face) => face.ranges.some(([start, end]) => sorted.some((code) => code >= start && code <= end))
  return allFaces()
    .filter((face) => allowed.has(face.family) && covers(face))
    .map((face) => {
      const data = readFileSync(require.resolve(`${families.find((family) => family.family === face.family)!.package}/files/${face.file}`)).toString('base64')
      const range = face.ranges.map(([start, end]) => (start === end ? `U+${start.toString(16)}` : `U+${start.toString(16)}-${end.toString(16)}`)).join(', ')
      return `@font-face { font-family: '${face.family}'; font-style: ${face.style}; font-weight: ${face.weight}; src: url(data:font/woff2;base64,${data}) format('woff2'); unicode-range: ${range}; }`
    })
    .join('\n')
}

/** The font stack of a locale's print edition: Noto Sans first, then its script's family. */
export function fontStack(locale: string): string {
  return familiesFor(locale).filter((family) => family.family !== 'Noto Sans Mono').map((family) => `'${family.family}'`).join(', ')
}

/** The print stylesheet. */
export function printCss(): string {
  return readFileSync(join(packageRoot, 'assets', 'print.css'), 'utf8')
}
