import {readFileSync} from 'node:fs'
import {readFile} from 'node:fs/promises'
import {createRequire} from 'node:module'
import {dirname, join} from 'node:path'
import {scriptOf} from '@mltop10/i18n'

// Found by package name rather than relative to this file, so it also works from a bundle of the command line.
const packageRoot = dirname(createRequire(import.meta.url).resolve('@mltop10/render/package.json'))
const require = createRequire(join(packageRoot, 'package.json'))

/** A stylesheet of an @fontsource package: a weight, and `-italic` for the italic faces. */
export type FontSheet = '400' | '400-italic' | '700'

/** A self-hosted font family (SIL Open Font License), from @fontsource. */
export interface FontFamily {
  /** CSS `font-family` name. */
  readonly family: string
  readonly package: string
  /** ISO 15924 code of the script it is for, or `undefined` for a family every locale uses. */
  readonly script: string | undefined
  /** Stylesheets the print edition embeds. */
  readonly print: readonly FontSheet[]
  /**
   * Stylesheets the site serves for the script. Empty for Noto Sans, whose Latin
   * faces the site's own stylesheet declares, and for the monospace family.
   */
  readonly site: readonly FontSheet[]
}

/**
 * The fonts of the site and the print edition: Noto Sans for Latin, Noto Sans
 * Mono for code, and one family per script Noto Sans does not cover.
 */
export const fontFamilies: readonly FontFamily[] = [
  {family: 'Noto Sans', package: '@fontsource/noto-sans', script: undefined, print: ['400', '400-italic', '700'], site: []},
  {family: 'Noto Sans Mono', package: '@fontsource/noto-sans-mono', script: undefined, print: ['400'], site: []},
  // The site serves one weight of Japanese: each weight is over a hundred files.
  {family: 'Noto Sans JP', package: '@fontsource/noto-sans-jp', script: 'Jpan', print: ['400', '700'], site: ['400']},
  // Arabic: Noto Sans on screen; in print Noto Naskh, the book hand, pinned to its @fontsource 4.5
  // build. Text taken from a PDF (pdftotext, copy and paste, search) keeps its words whole only
  // with it: the 5.x builds of both families draw the dots of letters as separate marks, and Noto
  // Sans Arabic 4.5 draws lam-alef as one glyph whose letters text extraction swaps.
  {family: 'Noto Sans Arabic', package: '@fontsource/noto-sans-arabic', script: 'Arab', print: [], site: ['400', '700']},
  {family: 'Noto Naskh Arabic', package: '@fontsource/noto-naskh-arabic', script: 'Arab', print: ['400', '700'], site: []},
  // Simplified Chinese: like Japanese, one weight on the site.
  {family: 'Noto Sans SC', package: '@fontsource/noto-sans-sc', script: 'Hans', print: ['400', '700'], site: ['400']}
]

/** One `@font-face` rule of an @fontsource stylesheet. */
export interface FontFace {
  readonly family: FontFamily
  readonly style: 'normal' | 'italic'
  readonly weight: number
  /** Name of the WOFF2 file, such as `noto-sans-jp-0-400-normal.woff2`. */
  readonly file: string
  /** Absolute path of the WOFF2 file. */
  readonly path: string
  /** The code points it covers, as inclusive ranges. */
  readonly ranges: readonly (readonly [number, number])[]
  /** The rule as @fontsource writes it, with its `src` relative to the stylesheet. */
  readonly rule: string
}

/**
 * Reads the `@font-face` rules of one stylesheet of a family, in their order.
 * Each part of a font covers some code points (`unicode-range`), so a page or
 * document needs only the parts its text uses.
 *
 * @param family The family.
 * @param sheet Its stylesheet.
 */
export function readFontFaces(family: FontFamily, sheet: FontSheet): FontFace[] {
  const css = readFileSync(require.resolve(`${family.package}/${sheet}.css`), 'utf8')
  const faces: FontFace[] = []
  for (const rule of css.match(/@font-face\s*\{[^}]*\}/g) ?? []) {
    const file = /url\((['"]?)\.\/files\/([^)'"]+\.woff2)\1\)/.exec(rule)?.[2]
    const range = /unicode-range:\s*([^;]+);/.exec(rule)?.[1]
    if (!file || !range) continue
    const ranges = range.split(',').map((part) => {
      const [start, end] = part.trim().replace(/^U\+/i, '').split('-')
      return [Number.parseInt(start!, 16), Number.parseInt(end ?? start!, 16)] as const
    })
    faces.push({family, style: sheet.endsWith('-italic') ? 'italic' : 'normal', weight: Number.parseInt(sheet, 10), file, path: require.resolve(`${family.package}/files/${file}`), ranges, rule})
  }
  return faces
}

/** The families the print edition and the book use in a locale: the Latin ones, and the one for its script. */
export function printFamilies(locale: string): FontFamily[] {
  const script = scriptOf(locale)
  return fontFamilies.filter((family) => family.print.length > 0 && (family.script === undefined || family.script === script))
}

/** The font stack of a locale's print edition and book: Noto Sans first, then its script's family. */
export function printFontStack(locale: string): string {
  return printFamilies(locale).filter((family) => family.family !== 'Noto Sans Mono').map((family) => `'${family.family}'`).join(', ')
}

// Read once per process: every PDF and book of a build uses the same stylesheets.
let printFaceList: FontFace[] | undefined

/** Every face the print edition and the book may embed, with its unicode ranges. */
export function printFaces(): readonly FontFace[] {
  printFaceList ??= fontFamilies.flatMap((family) => family.print.flatMap((sheet) => readFontFaces(family, sheet)))
  return printFaceList
}

/** The code points of a text that a face covers, in ascending order. */
export function coveredCharacters(face: FontFace, text: string): number[] {
  const codes = [...new Set([...text].map((character) => character.codePointAt(0)!))].sort((a, b) => a - b)
  return codes.filter((code) => face.ranges.some(([start, end]) => code >= start && code <= end))
}

/** `U+...` ranges of a face, as a CSS `unicode-range` value. */
export function unicodeRange(ranges: readonly (readonly [number, number])[]): string {
  return ranges.map(([start, end]) => (start === end ? `U+${start.toString(16)}` : `U+${start.toString(16)}-${end.toString(16)}`)).join(', ')
}

// subset-font reads the font's signature with Buffer methods, so the files stay Buffers.
const fontFiles = new Map<string, Promise<Buffer>>()
// Subsets already made, by file and text: a build of several editions, or a rebuild in tests, cuts each once.
const subsets = new Map<string, Promise<Uint8Array>>()

/** A part of a font cut down to some characters. */
export interface FontSubset {
  readonly face: FontFace
  /** The characters it keeps. */
  readonly characters: readonly number[]
  /** TrueType bytes. */
  readonly bytes: Uint8Array
}

/**
 * Each face that covers a character of the text, cut down by harfbuzz to the
 * characters of the text it covers (TrueType): a book or a page then carries
 * the glyphs it shows instead of whole fonts. The same bytes for the same input.
 *
 * @param faces Candidate faces, such as `printFaces()` of the locale's families.
 * @param text Every character to keep.
 */
export async function subsetFaces(faces: readonly FontFace[], text: string): Promise<FontSubset[]> {
  const used = faces.map((face) => ({face, characters: coveredCharacters(face, text)})).filter(({characters}) => characters.length > 0)
  // Loaded on first use: harfbuzz is a WebAssembly module that commands without fonts to cut need not load.
  const {default: subsetFont} = await import('subset-font')
  return Promise.all(
    used.map(async ({face, characters}) => {
      const kept = String.fromCodePoint(...characters)
      const key = `${face.path}\n${kept}`
      let bytes = subsets.get(key)
      if (bytes === undefined) {
        let data = fontFiles.get(face.path)
        if (data === undefined) fontFiles.set(face.path, (data = readFile(face.path)))
        subsets.set(key, (bytes = data.then(async (font) => new Uint8Array(await subsetFont(font, kept, {targetFormat: 'truetype'})))))
      }
      return {face, characters, bytes: await bytes}
    })
  )
}
