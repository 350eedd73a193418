import {readFileSync} from 'node:fs'
import {scriptOf} from '@mltop10/i18n'
import {fontFamilies, readFontFaces, type FontFamily} from '@mltop10/render'

/** The family the site serves for a script Noto Sans does not cover. */
function scriptFamily(script: string): FontFamily | undefined {
  return fontFamilies.find((family) => family.script === script && family.site.length > 0)
}

/** Site path of the stylesheet with a locale's script fonts, when it needs one. */
export function scriptFontStylesheet(locale: string): string | undefined {
  const script = scriptOf(locale)
  return scriptFamily(script) ? `assets/fonts-${script.toLowerCase()}.css` : undefined
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
    const font = scriptFamily(script)
    if (!font) continue
    const rules: string[] = []
    for (const face of font.site.flatMap((sheet) => readFontFaces(font, sheet))) {
      assets.push({path: `assets/fonts/${face.file}`, content: readFileSync(face.path)})
      rules.push(face.rule.replace(/src:[^;]*;/, `src: url(fonts/${face.file}) format('woff2');`))
    }
    const languages = locales.filter((locale) => scriptOf(locale) === script)
    rules.push(`${languages.map((locale) => `:root:lang(${locale})`).join(', ')} { --font: 'Noto Sans', '${font.family}', system-ui, sans-serif; }`)
    assets.push({path: `assets/fonts-${script.toLowerCase()}.css`, content: `${rules.join('\n')}\n`})
  }
  return assets
}
