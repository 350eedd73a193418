import {readFile} from 'node:fs/promises'
import subsetFont from 'subset-font'
import {scriptOf} from '@mltop10/i18n'
import {fontFamilies, readFontFaces, type FontFace, type FontFamily} from '@mltop10/render'

/** The families a book in a locale uses: the Latin ones, and the one for its script (as the PDF). */
function familiesFor(locale: string): FontFamily[] {
  const script = scriptOf(locale)
  return fontFamilies.filter((family) => family.print.length > 0 && (family.script === undefined || family.script === script))
}

/** The font stack of a locale's book: Noto Sans first, then its script's family. */
export function fontStack(locale: string): string {
  return familiesFor(locale).filter((family) => family.family !== 'Noto Sans Mono').map((family) => `'${family.family}'`).join(', ')
}

// Read once per process: every book of a build uses the same files.
let faces: FontFace[] | undefined
// subset-font reads the font's signature with Buffer methods, so the files stay Buffers.
const fontData = new Map<string, Promise<Buffer>>()
// Subsets already made, by file and text: a build of several editions, or a rebuild in tests, cuts each once.
const subsets = new Map<string, Promise<Uint8Array>>()

function allFaces(): FontFace[] {
  faces ??= fontFamilies.flatMap((family) => family.print.flatMap((sheet) => readFontFaces(family, sheet)))
  return faces
}

/** An embedded font file of the book. */
export interface EmbeddedFont {
  /** Path inside the publication folder, such as `fonts/noto-sans-jp-12-400-normal.ttf`. */
  readonly file: string
  readonly bytes: Uint8Array
}

/** What `embedFonts` gives: the font files and the `@font-face` rules that use them. */
export interface EmbeddedFonts {
  readonly files: readonly EmbeddedFont[]
  /** `@font-face` rules, with `src` relative to the stylesheet in the publication folder. */
  readonly css: string
}

/**
 * The fonts a book embeds: every @fontsource part (one `unicode-range` of a
 * face) that covers a character of the text, each cut down by harfbuzz to the
 * characters of the text it covers. A Japanese book then carries the few
 * thousand glyphs it shows instead of the whole font, and the reading system
 * never falls back to the device's fonts for the book's own script.
 *
 * @param text Every character the book may show.
 * @param locale The book's locale: it decides which script's family joins Noto Sans.
 */
export async function embedFonts(text: string, locale: string): Promise<EmbeddedFonts> {
  const allowed = new Set(familiesFor(locale))
  const codes = [...new Set([...text].map((character) => character.codePointAt(0)!))].sort((a, b) => a - b)
  const used = allFaces()
    .filter((face) => allowed.has(face.family))
    .map((face) => ({face, characters: codes.filter((code) => face.ranges.some(([start, end]) => code >= start && code <= end))}))
    .filter(({characters}) => characters.length > 0)
  const files = await Promise.all(
    used.map(async ({face, characters}) => {
      const subsetText = String.fromCodePoint(...characters)
      const key = `${face.path}\n${subsetText}`
      let bytes = subsets.get(key)
      if (bytes === undefined) {
        let data = fontData.get(face.path)
        if (data === undefined) fontData.set(face.path, (data = readFile(face.path)))
        subsets.set(key, (bytes = data.then(async (font) => new Uint8Array(await subsetFont(font, subsetText, {targetFormat: 'truetype'})))))
      }
      return {face, file: `fonts/${face.file.replace(/\.woff2$/, '.ttf')}`, bytes: await bytes}
    })
  )
  const css = files
    .map(({face, file}) => {
      const range = face.ranges.map(([start, end]) => (start === end ? `U+${start.toString(16)}` : `U+${start.toString(16)}-${end.toString(16)}`)).join(', ')
      return `@font-face { font-family: '${face.family.family}'; font-style: ${face.style}; font-weight: ${face.weight}; src: url(${file}) format('truetype'); unicode-range: ${range}; }`
    })
    .join('\n')
  return {files: files.map(({file, bytes}) => ({file, bytes})), css}
}
