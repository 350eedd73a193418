import {readFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import {dirname, join} from 'node:path'

const packageRoot = dirname(createRequire(import.meta.url).resolve('@mltop10/pdf/package.json'))
const require = createRequire(join(packageRoot, 'package.json'))

const faces = [
  {subset: 'latin', style: 'normal', weight: 400, range: 'U+0000-00FF, U+0131, U+0152-0153, U+02BB-02BC, U+02C6, U+02DA, U+02DC, U+0304, U+0308, U+0329, U+2000-206F, U+20AC, U+2122, U+2191, U+2193, U+2212, U+2215, U+FEFF, U+FFFD'},
  {subset: 'latin-ext', style: 'normal', weight: 400, range: 'U+0100-02BA, U+02BD-02C5, U+02C7-02CC, U+02CE-02D7, U+02DD-02FF, U+1D00-1DBF, U+1E00-1E9F, U+1EF2-1EFF, U+2020, U+20A0-20AB, U+20AD-20C0, U+2113, U+2C60-2C7F, U+A720-A7FF'}
] as const

/**
 * `@font-face` rules for Noto Sans (regular, italic, bold; Latin and Latin
 * Extended) with the font data inlined, so the PDF embeds these fonts and never
 * the machine's: the same file on every machine.
 */
export function fontFaces(): string {
  const rules: string[] = []
  for (const face of faces) {
    for (const [style, weight] of [['normal', 400], ['italic', 400], ['normal', 700]] as const) {
      const file = `noto-sans-${face.subset}-${weight}-${style}.woff2`
      const data = readFileSync(require.resolve(`@fontsource/noto-sans/files/${file}`)).toString('base64')
      rules.push(`@font-face { font-family: 'Noto Sans'; font-style: ${style}; font-weight: ${weight}; src: url(data:font/woff2;base64,${data}) format('woff2'); unicode-range: ${face.range}; }`)
    }
  }
  const mono = readFileSync(require.resolve('@fontsource/noto-sans-mono/files/noto-sans-mono-latin-400-normal.woff2')).toString('base64')
  rules.push(`@font-face { font-family: 'Noto Sans Mono'; font-style: normal; font-weight: 400; src: url(data:font/woff2;base64,${mono}) format('woff2'); }`)
  return rules.join('\n')
}

/** The print stylesheet. */
export function printCss(): string {
  return readFileSync(join(packageRoot, 'assets', 'print.css'), 'utf8')
}
