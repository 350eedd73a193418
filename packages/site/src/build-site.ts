import type {Root} from 'hast'
import {toHtml} from 'hast-util-to-html'
import {artifactNames, exitCodes, MlTop10Error, type SiteConfig} from '@mltop10/core'
import type {Language} from '@mltop10/i18n'
import {loadAssets} from './assets.js'
import {parseBaseUrl} from './base-url.js'
import {checkSiteLinks, collectPageLinks, type BuiltPage} from './check-site-links.js'
import type {LinkSource, RenderContext} from './context.js'
import {renderDashboardPage} from './render/dashboard-page.js'
import {renderDocumentPage} from './render/document-page.js'
import {renderHomePage} from './render/home-page.js'
import {alternates, navDocuments, renderLayout, type PageSpec} from './render/layout.js'
import {scriptFontAssets} from './script-fonts.js'
import {renderContentsPage, renderMappingsPage, renderNotFoundPage, renderRedirectPage, renderSearchPage} from './render/utility-pages.js'
import {createRoutes, fileOf, latestRoot, localeRoot} from './routes.js'
import {buildSearchIndex, type SearchEntry} from './search-index.js'
import {writeFolderAtomically} from '@mltop10/output'

/** Options of `buildSite`. */
export interface BuildSiteOptions {
  /**
   * The languages to publish, the default one (English) first, each with its
   * editions oldest first; the default language's last edition is the one the site root opens.
   */
  readonly languages: readonly Language[]
  /** Folder to write the site to; replaced atomically. */
  readonly outDir: string
  /** Absolute URL the site is served from, for canonical URLs and the sitemap. Default: `http://localhost:8080/`. */
  readonly baseUrl?: string | undefined
  /** Extra scripts for every page, as site paths (the dev server's reload script). */
  readonly extraAssets?: ReadonlyMap<string, string>
  /** The repository of the content, for "edit this page" and "report a problem" links; none when absent. */
  readonly repository?: SiteConfig['repository'] | undefined
  /** More files to publish as they are, by site path (such as data exports). */
  readonly files?: ReadonlyMap<string, string | Uint8Array>
  /** The PDF of each edition in each language, by file name (`artifactNames.pdf`): copied into the site and linked from every page. */
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
    pages.push({folder: spec.folder, absolute: spec.links === 'absolute', ...collectPageLinks(tree)})
    if (!spec.noindex) sitemap.push({url: new URL(spec.folder, baseUrl).href, alternates: alternates(spec.folder, context).map((alternate) => ({...alternate, href: new URL(alternate.path, baseUrl).href}))})
  }

  const locales = options.languages
  const english = locales[0]
  if (!english) throw new MlTop10Error('No language to build', 'Pass at least the English editions to buildSite (sourceLanguage from @mltop10/i18n)')
  const languages = locales.map((locale) => ({code: locale.locale.code, nativeName: locale.locale.nativeName}))
  let latest: RenderContext | undefined
  for (const locale of locales) {
    const t = locale.translator
    let localeLatest: RenderContext | undefined
    const published = [...locale.editions.values()].map(({edition}) => ({name: edition.manifest.edition, pages: new Set(edition.documents.map((document) => document.name))}))
    for (const {edition, pages} of locale.editions.values()) {
    const routes = createRoutes(t.locale, edition.manifest.edition)
    const pdf = options.pdfs?.get(artifactNames.pdf(edition.manifest.edition, t.locale))
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
    const matrixCsv = `data/${artifactNames.data(edition.manifest.edition, t.locale, 'mappings')}`
    emit(renderMappingsPage(context, files.has(matrixCsv) ? matrixCsv : undefined), context)
    if (navDocuments(edition, undefined).length < edition.documents.length) emit(renderContentsPage(context), context)
    if (locales.length > 1) {
      const statuses = locales.map((other) => ({
        code: other.translator.locale,
        nativeName: other.locale.nativeName,
        pages: other.editions.get(edition.manifest.edition)?.pages ?? [],
        ui: other.ui
      }))
      emit(renderDashboardPage(statuses, context), context)
    }
    for (const risk of edition.risks) {
      for (const former of risk.formerly) emit(renderRedirectPage(routes.former(risk.id, former.slug), routes.page(risk.name), `${risk.id} ${risk.title}`, context), context)
    }
    files.set(routes.searchIndex, buildSearchIndex(entries, routes.search, t.locale))
    localeLatest = context
    }
    if (!localeLatest) throw new MlTop10Error('No edition to build', 'Pass at least one edition to buildSite')
    emit(renderRedirectPage(localeRoot(t.locale), localeLatest.routes.home, localeLatest.edition.manifest.title, localeLatest), localeLatest)
    // A stable address for whichever edition is the latest.
    emit(renderRedirectPage(latestRoot(t.locale), localeLatest.routes.home, localeLatest.edition.manifest.title, localeLatest), localeLatest)
    latest ??= localeLatest
  }
  if (!latest) throw new MlTop10Error('No edition to build', 'Pass at least one edition to buildSite')

  const home = latest.routes.home
  emit(renderRedirectPage('', home, latest.edition.manifest.title, latest), latest)
  emit(renderNotFoundPage(latest), latest)
  files.set('sitemap.xml', renderSitemap(sitemap))
  files.set('robots.txt', `User-agent: *\nAllow: /\nSitemap: ${new URL('sitemap.xml', baseUrl).href}\n`)

  for (const asset of scriptFontAssets(locales.map((locale) => locale.translator.locale))) files.set(asset.path, asset.content)
  const problems = checkSiteLinks(pages, {files: new Set(files.keys()), basePath, sources: linkSources})
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
