import {readFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import {dirname, join} from 'node:path'

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
