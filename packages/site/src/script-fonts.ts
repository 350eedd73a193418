import {readFileSync} from 'node:fs'
import {scriptOf} from '@mltop10/i18n'
import {fontFamilies, readFontFaces, subsetFaces, unicodeRange, type FontFamily} from '@mltop10/render'

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

/** Site path of the stylesheet that draws the language switcher's native names. */
export const languageNamesStylesheet = 'assets/language-names.css'

/** The fonts of the language switcher: tiny subsets holding the glyphs of the native names. */
export interface LanguageNameFonts {
  /** The names they were made for: the same key, the same fonts. */
  readonly key: string
  readonly assets: readonly {path: string; content: string | Uint8Array}[]
}

/**
 * Fonts for the native names in the language switcher, whose scripts a page in
 * another language does not load (日本語 on an English page): for each name
 * in a script Noto Sans does not cover, the glyphs of that name only, cut from
 * the script's family (a few kilobytes in all), and a stylesheet every page of
 * a site in several languages links. Without it, a reader whose device has no
 * font for a script would see empty boxes. `undefined` when every name is in
 * a script Noto Sans covers.
 *
 * @param languages Code and native name of every language of the site.
 */
export async function languageNameFonts(languages: readonly {readonly code: string; readonly nativeName: string}[]): Promise<LanguageNameFonts | undefined> {
  const rules: string[] = []
  const assets: {path: string; content: string | Uint8Array}[] = []
  const byScript = new Map<string, string>()
  for (const language of languages) {
    const script = scriptOf(language.code)
    if (scriptFamily(script)) byScript.set(script, (byScript.get(script) ?? '') + language.nativeName)
  }
  for (const [script, names] of [...byScript].sort(([a], [b]) => a.localeCompare(b))) {
    const family = scriptFamily(script)!
    const subsets = await subsetFaces(readFontFaces(family, '400'), names)
    for (const [index, subset] of subsets.entries()) {
      const path = `assets/fonts/names-${script.toLowerCase()}-${index + 1}.ttf`
      assets.push({path, content: subset.bytes})
      const range = unicodeRange(subset.characters.map((code) => [code, code] as const))
      rules.push(`@font-face { font-family: 'Language names'; font-style: normal; font-weight: 400; src: url(${path.slice('assets/'.length)}) format('truetype'); unicode-range: ${range}; }`)
    }
  }
  if (assets.length === 0) return undefined
  rules.push(".languages a { font-family: 'Noto Sans', 'Language names', system-ui, sans-serif; }")
  assets.push({path: languageNamesStylesheet, content: `${rules.join('\n')}\n`})
  return {key: JSON.stringify(languages.map((language) => [language.code, language.nativeName])), assets}
}
