import {readFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import {dirname, join} from 'node:path'

const packageRoot = dirname(createRequire(import.meta.url).resolve('@mltop10/site/package.json'))
const require = createRequire(join(packageRoot, 'package.json'))

/** Self-hosted fonts for scripts Noto Sans does not cover, by ISO 15924 script code. */
const scriptFonts: Readonly<Record<string, {readonly package: string; readonly family: string; readonly weights: readonly number[]}>> = {
  Jpan: {package: '@fontsource/noto-sans-jp', family: 'Noto Sans JP', weights: [400]},
  Arab: {package: '@fontsource/noto-sans-arabic', family: 'Noto Sans Arabic', weights: [400, 700]}
}

/** The script of a locale, such as `Jpan` for `ja`. */
export function scriptOf(locale: string): string {
  return new Intl.Locale(locale).maximize().script ?? 'Latn'
}

/** Site path of the stylesheet with a locale's script fonts, when it needs one. */
export function scriptFontStylesheet(locale: string): string | undefined {
  const script = scriptOf(locale)
  return scriptFonts[script] ? `assets/fonts-${script.toLowerCase()}.css` : undefined
}

/**
 * The stylesheets and font files for the scripts of the given locales: each
 * stylesheet has the `@font-face` rules of @fontsource (with their unicode
 * ranges, so a browser fetches only the parts a page uses) and sets the font
 * for that language.
 *
 * @param locales Locale codes of the site.
 */
export function scriptFontAssets(locales: readonly string[]): {path: string; content: string | Uint8Array}[] {
  const assets: {path: string; content: string | Uint8Array}[] = []
  for (const script of new Set(locales.map(scriptOf))) {
    const font = scriptFonts[script]
    if (!font) continue
    const rules: string[] = []
    for (const weight of font.weights) {
      const css = readFileSync(require.resolve(`${font.package}/${weight}.css`), 'utf8')
      for (const face of css.match(/@font-face\s*\{[^}]*\}/g) ?? []) {
        const file = /url\(\.\/files\/([^)]+\.woff2)\)/.exec(face)?.[1]
        if (!file) continue
        assets.push({path: `assets/fonts/${file}`, content: readFileSync(require.resolve(`${font.package}/files/${file}`))})
        rules.push(face.replace(/src:[^;]*;/, `src: url(fonts/${file}) format('woff2');`))
      }
    }
    const languages = locales.filter((locale) => scriptOf(locale) === script)
    rules.push(`${languages.map((locale) => `:root:lang(${locale})`).join(', ')} { --font: 'Noto Sans', '${font.family}', system-ui, sans-serif; }`)
    assets.push({path: `assets/fonts-${script.toLowerCase()}.css`, content: `${rules.join('\n')}\n`})
  }
  return assets
}
