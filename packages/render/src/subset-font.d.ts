declare module 'subset-font' {
  /** Options of subset-font (the ones this package uses). */
  interface SubsetFontOptions {
    readonly targetFormat?: 'sfnt' | 'woff' | 'woff2' | 'truetype'
  }
  /** A font (TrueType, OpenType, WOFF or WOFF2) cut down to the glyphs the text needs, through harfbuzz. */
  export default function subsetFont(font: Uint8Array, text: string, options?: SubsetFontOptions): Promise<Buffer>
}
