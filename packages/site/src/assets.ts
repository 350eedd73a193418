import {readFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import {dirname, join} from 'node:path'
import {needsEveryTerm, searchTokens} from './search-tokens.js'

// Found by package name rather than relative to this file, so it also works from a bundle of the command line.
const packageRoot = dirname(createRequire(import.meta.url).resolve('@mltop10/site/package.json'))
const require = createRequire(join(packageRoot, 'package.json'))

/** Fonts shipped with the site (Noto Sans, SIL Open Font License), from @fontsource. */
const fonts = ['latin', 'latin-ext'].flatMap((subset) => ['400-normal', '400-italic', '700-normal'].map((style) => `noto-sans-${subset}-${style}.woff2`))

let stylesheet: string | undefined

/**
 * The site's stylesheet without its `@font-face` rules (whose font files are
 * addressed relative to it): for the 404 page, which carries its styles inline
 * because it is served at any address under any base path. Read once.
 */
export function standaloneStylesheet(): string {
  stylesheet ??= readFileSync(join(packageRoot, 'assets', 'site.css'), 'utf8').replace(/^@font-face \{[^}]*\}\n/gm, '')
  return stylesheet
}

/**
 * The static assets every site has, by site path: stylesheet, scripts, the
 * MiniSearch browser module and fonts. All self-hosted: no page requests another host.
 */
export function loadAssets(): Map<string, string | Uint8Array> {
  const assets = new Map<string, string | Uint8Array>()
  for (const name of ['site.css', 'theme.js', 'site.js', 'search.js']) {
    assets.set(`assets/${name}`, readFileSync(join(packageRoot, 'assets', name), 'utf8'))
  }
  // The browser needs MiniSearch's ES module build; `require` resolves to its CommonJS twin.
  const minisearch = readFileSync(join(dirname(require.resolve('minisearch')), '..', 'es', 'index.js'), 'utf8')
  assets.set('assets/minisearch.js', minisearch.replace(/\n\/\/# sourceMappingURL=.*\s*$/, '\n'))
  // The browser splits queries with the very functions the build indexes with.
  assets.set('assets/search-tokens.js', `// Generated from @mltop10/site's search-tokens.ts.\nexport ${searchTokens.toString()}\nexport ${needsEveryTerm.toString()}\n`)
  for (const font of fonts) assets.set(`assets/fonts/${font}`, readFileSync(require.resolve(`@fontsource/noto-sans/files/${font}`)))
  assets.set('assets/fonts/LICENSE.txt', readFileSync(require.resolve('@fontsource/noto-sans/LICENSE'), 'utf8'))
  return assets
}
