import type {Root} from 'hast'
import {toHtml} from 'hast-util-to-html'
import {exitCodes, MlTop10Error, type Edition, type SiteConfig} from '@mltop10/core'
import {createTranslator, type Translator} from '@mltop10/i18n'
import {loadAssets} from './assets.js'
import {parseBaseUrl} from './base-url.js'
import {checkLinks, collectLinks, type BuiltPage} from './check-links.js'
import type {LinkSource, RenderContext} from './context.js'
import {renderDashboardPage} from './render/dashboard-page.js'
import {renderDocumentPage} from './render/document-page.js'
import {renderHomePage} from './render/home-page.js'
import {alternates, navDocuments, renderLayout, type PageSpec} from './render/layout.js'
import {scriptFontAssets} from './script-fonts.js'
import {renderContentsPage, renderNotFoundPage, renderRedirectPage, renderSearchPage} from './render/utility-pages.js'
import {createRoutes, fileOf} from './routes.js'
import {buildSearchIndex, type SearchEntry} from './search-index.js'
import {writeFolderAtomically} from '@mltop10/output'

/** A translated edition of the site: the locale's strings and its editions, page by page. */
export interface SiteLocale {
  readonly translator: Translator
  readonly nativeName: string
  /** UI strings translated, for the translation dashboard. */
  readonly ui?: {readonly translated: number; readonly total: number} | undefined
  /** Localized editions by edition name, with the state of each page. */
  readonly editions: ReadonlyMap<string, {readonly edition: Edition; readonly pages: readonly {readonly name: string; readonly state: 'translated' | 'outdated' | 'missing'; readonly sourceHash?: string | undefined}[]}>
}

/** Options of `buildSite`. */
export interface BuildSiteOptions {
  /** Editions to publish, oldest first; the last is the one the site root opens. */
  readonly editions: readonly Edition[]
  /** Folder to write the site to; replaced atomically. */
  readonly outDir: string
  /** Absolute URL the site is served from, for canonical URLs and the sitemap. Default: `http://localhost:8080/`. */
  readonly baseUrl?: string | undefined
  /** Translator of the UI strings. Default: English. */
  readonly translator?: Translator
  /** Translated editions, published beside English under their own locale code. */
  readonly locales?: readonly SiteLocale[]
  /** Extra scripts for every page, as site paths (the dev server's reload script). */
  readonly extraAssets?: ReadonlyMap<string, string>
  /** The repository of the content, for "edit this page" and "report a problem" links; none when absent. */
  readonly repository?: SiteConfig['repository'] | undefined
  /** More files to publish as they are, by site path (such as data exports). */
  readonly files?: ReadonlyMap<string, string | Uint8Array>
  /** The PDF of each edition, by edition name: copied into the site and linked from every page. */
  readonly pdfs?: ReadonlyMap<string, {readonly file: string; readonly bytes: Uint8Array}>
}

/** What a build produced. */
export interface BuildResult {
  readonly outDir: string
  /** HTML pages written, redirects included. */
  readonly pages: number
  /** All files written. */
  readonly files: number
  readonly bytes: number
}

/**
 * Builds the static site of one or more editions: a page per document, the
 * home page, search, redirects from former slugs, 404, sitemap and robots.txt.
 * Every internal link and fragment is checked before anything is written; the
 * output folder is replaced atomically, so a failed build leaves the previous
 * site in place. The output is deterministic: the same input gives the same bytes.
 *
 * @param options Editions, output folder and base URL.
 * @throws {MlTop10Error} With every broken link and its source, when links are broken.
 */
export async function buildSite(options: BuildSiteOptions): Promise<BuildResult> {
  const baseUrl = parseBaseUrl(options.baseUrl ?? 'http://localhost:8080/')
  const translator = options.translator ?? createTranslator()
  const basePath = new URL(baseUrl).pathname
  const files = new Map<string, string | Uint8Array>(loadAssets())
  for (const [path, content] of options.extraAssets ?? []) files.set(path, content)
  for (const [path, content] of options.files ?? []) files.set(path, content)
  const pages: BuiltPage[] = []
  const linkSources: LinkSource[] = []
  const sitemap: {url: string; alternates: {code: string; href: string}[]}[] = []
  const extraScripts = [...(options.extraAssets?.keys() ?? [])].filter((path) => path.endsWith('.js'))

  const emit = (spec: PageSpec, context: RenderContext) => {
    const full = {...spec, scripts: [...(spec.scripts ?? []), ...extraScripts]}
    const tree: Root = renderLayout(full, context)
    files.set(fileOf(spec.folder), `${toHtml(tree)}\n`)
    pages.push({folder: spec.folder, absolute: spec.links === 'absolute', ...collectLinks(tree)})
    if (!spec.noindex) sitemap.push({url: new URL(spec.folder, baseUrl).href, alternates: alternates(spec.folder, context).map((alternate) => ({...alternate, href: new URL(alternate.path, baseUrl).href}))})
  }

  const english: SiteLocale = {translator, nativeName: 'English', editions: new Map(options.editions.map((edition) => [edition.manifest.edition, {edition, pages: edition.documents.map((document) => ({name: document.name, state: 'translated' as const}))}]))}
  const locales = [english, ...(options.locales ?? [])]
  const languages = locales.map((locale) => ({code: locale.translator.locale, nativeName: locale.nativeName}))
  let latest: RenderContext | undefined
  for (const locale of locales) {
    const t = locale.translator
    let localeLatest: RenderContext | undefined
    const published = [...locale.editions.values()].map(({edition}) => ({name: edition.manifest.edition, pages: new Set(edition.documents.map((document) => document.name))}))
    for (const {edition, pages} of locale.editions.values()) {
    const routes = createRoutes(t.locale, edition.manifest.edition)
    const pdf = options.pdfs?.get(`${edition.manifest.edition}-${t.locale}`) ?? (t.locale === translator.locale ? options.pdfs?.get(edition.manifest.edition) : undefined)
    if (pdf) files.set(`pdf/${pdf.file}`, pdf.bytes)
    const context: RenderContext = {edition, t: t.t, translator: t, routes, baseUrl, linkSources, languages, editions: published, pageStates: new Map(pages.map((page) => [page.name, page.state])), sourceHashes: new Map(pages.flatMap((page) => (page.sourceHash ? [[page.name, page.sourceHash] as const] : []))), repository: options.repository, pdf: pdf ? {path: `pdf/${pdf.file}`, bytes: pdf.bytes.byteLength} : undefined}
    const entries: SearchEntry[] = []
    emit(renderHomePage(context), context)
    for (const document of edition.documents) {
      const {spec, search} = renderDocumentPage(document, context)
      emit(spec, context)
      entries.push(...search)
    }
    emit(renderSearchPage(context), context)
    if (navDocuments(edition, undefined).length < edition.documents.length) emit(renderContentsPage(context), context)
    if (locales.length > 1) {
      const statuses = locales.map((other) => ({
        code: other.translator.locale,
        nativeName: other.nativeName,
        pages: (other.editions.get(edition.manifest.edition)?.pages ?? []).map((page) => ({name: page.name, state: other === english ? ('source' as const) : page.state})),
        ui: other.ui
      }))
      emit(renderDashboardPage(statuses, context), context)
    }
    for (const risk of edition.risks) {
      for (const former of risk.formerly) emit(renderRedirectPage(routes.former(risk.id, former.slug), routes.page(risk.name), `${risk.id} ${risk.title}`, context), context)
    }
    files.set(routes.searchIndex, buildSearchIndex(entries, routes.search))
    localeLatest = context
    }
    if (!localeLatest) throw new MlTop10Error('No edition to build', 'Pass at least one edition to buildSite')
    emit(renderRedirectPage(`${t.locale.toLowerCase()}/`, localeLatest.routes.home, localeLatest.edition.manifest.title, localeLatest), localeLatest)
    // A stable address for whichever edition is the latest.
    emit(renderRedirectPage(`${t.locale.toLowerCase()}/latest/`, localeLatest.routes.home, localeLatest.edition.manifest.title, localeLatest), localeLatest)
    latest ??= localeLatest
  }
  if (!latest) throw new MlTop10Error('No edition to build', 'Pass at least one edition to buildSite')

  const home = latest.routes.home
  emit(renderRedirectPage('', home, latest.edition.manifest.title, latest), latest)
  emit(renderNotFoundPage(latest), latest)
  files.set('sitemap.xml', renderSitemap(sitemap))
  files.set('robots.txt', `User-agent: *\nAllow: /\nSitemap: ${new URL('sitemap.xml', baseUrl).href}\n`)

  for (const asset of scriptFontAssets(locales.map((locale) => locale.translator.locale))) files.set(asset.path, asset.content)
  const problems = checkLinks(pages, {files: new Set(files.keys()), basePath, sources: linkSources})
  if (problems.length > 0) {
    throw new MlTop10Error(`${problems.length} broken link${problems.length === 1 ? '' : 's'} in the site:\n${problems.join('\n')}`, 'Fix each link at the source it names; nothing was written', exitCodes.contentErrors)
  }
  await writeFolderAtomically(options.outDir, files)
  let bytes = 0
  for (const content of files.values()) bytes += typeof content === 'string' ? Buffer.byteLength(content) : content.byteLength
  return {outDir: options.outDir, pages: pages.length, files: files.size, bytes}
}

function renderSitemap(entries: readonly {url: string; alternates: readonly {code: string; href: string}[]}[]): string {
  const escape = (text: string) => text.replace(/&/g, '&amp;')
  const lines = [...entries]
    .sort((a, b) => a.url.localeCompare(b.url))
    .map(({url, alternates: links}) => [`  <url><loc>${escape(url)}</loc>`, ...links.map((link) => `    <xhtml:link rel="alternate" hreflang="${link.code}" href="${escape(link.href)}"/>`), '  </url>'].join('\n'))
  return ['<?xml version="1.0" encoding="UTF-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">', ...lines, '</urlset>', ''].join('\n')
}
