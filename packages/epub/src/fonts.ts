import {printFaces, printFamilies, subsetFaces, unicodeRange} from '@mltop10/render'

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
 * The fonts a book embeds: the families of its locale, as in print, each
 * @fontsource part (one `unicode-range` of a face) that covers a character of
 * the text cut down to the characters it covers (`subsetFaces`). A Japanese
 * book then carries the few thousand glyphs it shows instead of the whole font,
 * and the reading system never falls back to the device's fonts for the book's
 * own script.
 *
 * @param text Every character the book may show.
 * @param locale The book's locale: it decides which script's family joins Noto Sans.
 */
export async function embedFonts(text: string, locale: string): Promise<EmbeddedFonts> {
  const allowed = new Set(printFamilies(locale))
  const subsets = await subsetFaces(printFaces().filter((face) => allowed.has(face.family)), text)
  const files = subsets.map(({face, bytes}) => ({face, file: `fonts/${face.file.replace(/\.woff2$/, '.ttf')}`, bytes}))
  const css = files
    .map(({face, file}) => `@font-face { font-family: '${face.family.family}'; font-style: ${face.style}; font-weight: ${face.weight}; src: url(${file}) format('truetype'); unicode-range: ${unicodeRange(face.ranges)}; }`)
    .join('\n')
  return {files: files.map(({file, bytes}) => ({file, bytes})), css}
}
