import {toHtml} from 'hast-util-to-html'
import {artifactNames, MlTop10Error, pageStates, type Edition} from '@mltop10/core'
import {loadAssets} from './assets.js'
import {defaultBaseUrl, parseBaseUrl} from './base-url.js'
import type {BuildSiteOptions} from './build-site.js'
import {checkSiteLinks, collectPageLinks, type BuiltPage} from './check-site-links.js'
import type {LinkSource, RenderContext} from './context.js'
import {renderDashboardPage} from './render/dashboard-page.js'
import {renderDocumentPage} from './render/document-page.js'
import {renderHomePage} from './render/home-page.js'
import {alternates, navDocuments, renderLayout, type PageSpec} from './render/layout.js'
import {renderContentsPage, renderMappingsPage, renderNotFoundPage, renderRedirectPage, renderSearchPage} from './render/utility-pages.js'
import {createRoutes, fileOf, latestRoot, localeRoot} from './routes.js'
import {scriptFontAssets, type LanguageNameFonts} from './script-fonts.js'
import {buildSearchIndex, type SearchEntry} from './search-index.js'

/** Options of `renderSite`: those of `buildSite` without the output folder. */
export type RenderSiteOptions = Omit<BuildSiteOptions, 'outDir'> & {
  /** The language switcher's fonts (`languageNameFonts`), made ahead because cutting fonts is asynchronous. */
  readonly languageNames?: LanguageNameFonts | undefined
}

interface SitemapEntry {
  readonly url: string
  readonly alternates: readonly {readonly code: string; readonly href: string}[]
}

/** One rendered page, with what it was rendered from (`key`) and what the whole-site steps need of it. */
interface RenderedPage {
  readonly key: string
  readonly file: string
  readonly html: string
  readonly built: BuiltPage
  readonly sources: readonly LinkSource[]
  readonly sitemap: SitemapEntry | undefined
  readonly search: readonly SearchEntry[]
  /** `search` as text, to tell whether a search index must be built again. */
  readonly searchText: string
}

/**
 * Every file of a site in memory, and what a later `renderSite` needs to render
 * only the pages whose inputs changed.
 */
export interface RenderedSite {
  /** Contents by site path. */
  readonly files: ReadonlyMap<string, string | Uint8Array>
  /** HTML pages, redirects included. */
  readonly pages: number
  /** Pages rendered by this call (the others were those of the previous rendering). */
  readonly rendered: number
  /** One message per broken link or duplicate id; the site must not be published with any. */
  readonly problems: readonly string[]
  /** @internal Pages by a name of what they show, such as `es/2023/document/ML01-...`. */
  readonly byName: ReadonlyMap<string, RenderedPage>
  /** @internal Search indexes by path, with the entries they were built from. */
  readonly indexes: ReadonlyMap<string, {readonly key: string; readonly text: string}>
  /**
   * Builds the search indexes left out by `deferSearchIndexes` and puts them in `files`;
   * returns them by path (none when none was left out).
   */
  readonly completeSearchIndexes: () => ReadonlyMap<string, string>
  /** @internal The shipped assets, read once. */
  readonly assets: ReadonlyMap<string, string | Uint8Array>
  /** @internal The script fonts, by the locales they were read for. */
  readonly fonts: {readonly key: string; readonly assets: readonly {path: string; content: string | Uint8Array}[]}
  /** @internal A number per document object, to tell pages apart by what they show. */
  readonly ids: WeakMap<object, number>
  readonly nextId: {value: number}
}

/** Options of one `renderSite` call besides the site's. */
export interface RenderAgainOptions {
  /**
   * The rendering of the same site before some documents changed: a page whose inputs
   * (its document object, the navigation and states of its language) are unchanged is
   * taken from it. Valid only with the same UI strings, locales, editions' manifests,
   * releases and site settings: when one of those changed, render without it.
   */
  readonly previous?: RenderedSite | undefined
  /**
   * Leave the search indexes whose entries changed as they were, to build them after the
   * pages are published (`completeSearchIndexes`): a reader waits for a page, not for search.
   */
  readonly deferSearchIndexes?: boolean
}

/**
 * Renders every page of the site in memory: a page per document, the home page,
 * search, redirects from former slugs, 404, sitemap and robots.txt, then checks
 * every internal link and fragment. With `previous`, only pages whose inputs
 * changed are rendered again, and only search indexes whose entries changed are
 * built again; the result is the same as rendering everything.
 *
 * @param options Editions, base URL and extra files, as for `buildSite`.
 * @param again The previous rendering, to render only what changed.
 */
export function renderSite(options: RenderSiteOptions, again: RenderAgainOptions = {}): RenderedSite {
  const previous = again.previous
  const baseUrl = parseBaseUrl(options.baseUrl ?? defaultBaseUrl)
  const basePath = new URL(baseUrl).pathname
  const assets = previous?.assets ?? loadAssets()
  const files = new Map<string, string | Uint8Array>(assets)
  for (const [path, content] of options.extraAssets ?? []) files.set(path, content)
  for (const [path, content] of options.files ?? []) files.set(path, content)
  const byName = new Map<string, RenderedPage>()
  const indexes = new Map<string, {key: string; text: string}>()
  const ids = previous?.ids ?? new WeakMap<object, number>()
  const nextId = previous?.nextId ?? {value: 1}
  const identity = (object: object) => {
    let id = ids.get(object)
    if (id === undefined) {
      id = nextId.value++
      ids.set(object, id)
    }
    return id
  }
  let rendered = 0
  const stale: {path: string; key: string; entries: readonly SearchEntry[]; searchFolder: string; locale: string}[] = []
  const extraScripts = [...(options.extraAssets?.keys() ?? [])].filter((path) => path.endsWith('.js'))
  const siteKey = JSON.stringify([baseUrl, extraScripts, options.repository ?? null])

  /** Renders a page unless the previous rendering has it with the same key. */
  const emit = (name: string, key: string, context: RenderContext, render: (context: RenderContext) => PageSpec): RenderedPage => {
    const old = previous?.byName.get(name)
    if (old && old.key === key) {
      byName.set(name, old)
      files.set(old.file, old.html)
      return old
    }
    const sources: LinkSource[] = []
    const spec = render({...context, linkSources: sources})
    const page = layout(spec, context, key, sources)
    rendered++
    byName.set(name, page)
    files.set(page.file, page.html)
    return page
  }
  const layout = (spec: PageSpec, context: RenderContext, key: string, sources: readonly LinkSource[], search: readonly SearchEntry[] = []): RenderedPage => {
    const tree = renderLayout({...spec, scripts: [...(spec.scripts ?? []), ...extraScripts]}, context)
    const sitemap = spec.noindex ? undefined : {url: new URL(spec.folder, baseUrl).href, alternates: alternates(spec.folder, context).map((alternate) => ({...alternate, href: new URL(alternate.path, baseUrl).href}))}
    return {key, file: fileOf(spec.folder), html: `${toHtml(tree)}\n`, built: {folder: spec.folder, absolute: spec.links === 'absolute', ...collectPageLinks(tree)}, sources, sitemap, search, searchText: JSON.stringify(search)}
  }

  const locales = options.languages
  const english = locales[0]
  if (!english) throw new MlTop10Error('No language to build', 'Pass at least the English editions to buildSite (sourceLanguage from @mltop10/i18n)')
  const languages = locales.map((locale) => ({code: locale.locale.code, nativeName: locale.locale.nativeName}))
  let latest: {context: RenderContext; key: string} | undefined
  for (const locale of locales) {
    const t = locale.translator
    let localeLatest: {context: RenderContext; key: string} | undefined
    const published = [...locale.editions.values()].map(({edition}) => ({name: edition.manifest.edition, pages: new Set(edition.documents.map((document) => document.name))}))
    for (const localized of locale.editions.values()) {
      const {edition, pages} = localized
      const routes = createRoutes(t.locale, edition.manifest.edition)
      const pdf = options.pdfs?.get(artifactNames.pdf(edition.manifest.edition, t.locale))
      if (pdf) files.set(`pdf/${pdf.file}`, pdf.bytes)
      const epub = options.epubs?.get(artifactNames.epub(edition.manifest.edition, t.locale))
      if (epub) files.set(`epub/${epub.file}`, epub.bytes)
      const summary = options.pdfs?.get(artifactNames.summary(edition.manifest.edition, t.locale))
      if (summary) files.set(`pdf/${summary.file}`, summary.bytes)
      const context: RenderContext = {edition, t: t.t, translator: t, routes, baseUrl, linkSources: [], languages, editions: published, pageStates: pageStates(localized), sourceHashes: new Map(pages.flatMap((page) => (page.sourceHash ? [[page.name, page.sourceHash] as const] : []))), repository: options.repository, pdf: pdf ? {path: `pdf/${pdf.file}`, bytes: pdf.bytes.byteLength} : undefined, epub: epub ? {path: `epub/${epub.file}`, bytes: epub.bytes.byteLength} : undefined, summary: summary ? {path: `pdf/${summary.file}`, bytes: summary.bytes.byteLength} : undefined, languageNames: options.languageNames !== undefined}
      const matrixCsv = `data/${artifactNames.data(edition.manifest.edition, t.locale, 'mappings')}`
      // What every page of this edition and language shows besides its own text: the navigation
      // (order, kinds, ids and titles), the edition's facts and the languages; the pages that list
      // risks or states (home, mappings, dashboard, redirects) also show the risks' front matter and
      // every language's page states.
      const editionKey = JSON.stringify([siteKey, t.locale, edition.manifest, edition.releases, edition.documents.map(navEntry), languages, published.map((other) => [other.name, [...other.pages]]), context.pdf ?? null, context.epub ?? null, context.summary ?? null, files.has(matrixCsv)])
      const overviewKey = JSON.stringify([editionKey, edition.risks.map(riskEntry), locales.map((other) => [other.translator.locale, other.locale.nativeName, other.ui ?? null, (other.editions.get(edition.manifest.edition)?.pages ?? []).map((page) => [page.name, page.state])])])
      const prefix = `${t.locale}/${edition.manifest.edition}/`
      const entries: SearchEntry[] = []
      const searchTexts: string[] = []
      emit(`${prefix}home`, overviewKey, context, renderHomePage)
      for (const document of edition.documents) {
        const name = `${prefix}document/${document.name}`
        const key = JSON.stringify([editionKey, identity(document), context.pageStates.get(document.name) ?? null, context.sourceHashes.get(document.name) ?? null])
        const old = previous?.byName.get(name)
        let page: RenderedPage
        if (old && old.key === key) {
          page = old
        } else {
          const sources: LinkSource[] = []
          const {spec, search} = renderDocumentPage(document, {...context, linkSources: sources})
          page = layout(spec, context, key, sources, search)
          rendered++
        }
        byName.set(name, page)
        files.set(page.file, page.html)
        entries.push(...page.search)
        searchTexts.push(page.searchText)
      }
      emit(`${prefix}search`, editionKey, context, renderSearchPage)
      emit(`${prefix}mappings`, overviewKey, context, (own) => renderMappingsPage(own, files.has(matrixCsv) ? matrixCsv : undefined))
      if (navDocuments(edition, undefined).length < edition.documents.length) emit(`${prefix}contents`, editionKey, context, renderContentsPage)
      if (locales.length > 1) {
        const statuses = locales.map((other) => ({
          code: other.translator.locale,
          nativeName: other.locale.nativeName,
          pages: other.editions.get(edition.manifest.edition)?.pages ?? [],
          ui: other.ui
        }))
        emit(`${prefix}dashboard`, overviewKey, context, (own) => renderDashboardPage(statuses, own))
      }
      for (const risk of edition.risks) {
        for (const former of risk.formerly) emit(`${prefix}former/${risk.id}/${former.slug}`, overviewKey, context, (own) => renderRedirectPage(routes.former(risk.id, former.slug), routes.page(risk.name), `${risk.id} ${risk.title}`, own))
      }
      const searchKey = searchTexts.join('\n')
      const oldIndex = previous?.indexes.get(routes.searchIndex)
      if (oldIndex && oldIndex.key === searchKey) {
        indexes.set(routes.searchIndex, oldIndex)
        files.set(routes.searchIndex, oldIndex.text)
      } else if (oldIndex && again.deferSearchIndexes) {
        files.set(routes.searchIndex, oldIndex.text)
        stale.push({path: routes.searchIndex, key: searchKey, entries, searchFolder: routes.search, locale: t.locale})
      } else {
        const index = {key: searchKey, text: buildSearchIndex(entries, routes.search, t.locale)}
        indexes.set(routes.searchIndex, index)
        files.set(routes.searchIndex, index.text)
      }
      localeLatest = {context, key: overviewKey}
    }
    if (!localeLatest) throw new MlTop10Error('No edition to build', 'Pass at least one edition to buildSite')
    const {context: last, key} = localeLatest
    emit(`${t.locale}/root`, key, last, (own) => renderRedirectPage(localeRoot(t.locale), own.routes.home, own.edition.manifest.title, own))
    // A stable address for whichever edition is the latest.
    emit(`${t.locale}/latest`, key, last, (own) => renderRedirectPage(latestRoot(t.locale), own.routes.home, own.edition.manifest.title, own))
    latest ??= localeLatest
  }
  if (!latest) throw new MlTop10Error('No edition to build', 'Pass at least one edition to buildSite')

  emit('root', latest.key, latest.context, (own) => renderRedirectPage('', own.routes.home, own.edition.manifest.title, own))
  emit('404', latest.key, latest.context, renderNotFoundPage)
  const pages = [...byName.values()]
  files.set('sitemap.xml', renderSitemap(pages.flatMap((page) => (page.sitemap ? [page.sitemap] : []))))
  files.set('robots.txt', `User-agent: *\nAllow: /\nSitemap: ${new URL('sitemap.xml', baseUrl).href}\n`)

  const fontKey = JSON.stringify(locales.map((locale) => locale.translator.locale))
  const fonts = previous?.fonts.key === fontKey ? previous.fonts : {key: fontKey, assets: scriptFontAssets(locales.map((locale) => locale.translator.locale))}
  for (const asset of fonts.assets) files.set(asset.path, asset.content)
  for (const asset of options.languageNames?.assets ?? []) files.set(asset.path, asset.content)
  const problems = checkSiteLinks(pages.map((page) => page.built), {files: new Set(files.keys()), basePath, sources: pages.flatMap((page) => page.sources)})
  const completeSearchIndexes = () => {
    const built = new Map<string, string>()
    for (const {path, key, entries, searchFolder, locale} of stale.splice(0)) {
      const index = {key, text: buildSearchIndex(entries, searchFolder, locale)}
      indexes.set(path, index)
      files.set(path, index.text)
      built.set(path, index.text)
    }
    return built
  }
  return {files, pages: pages.length, rendered, problems, completeSearchIndexes, byName, indexes, assets, fonts, ids, nextId}
}

/** What the navigation and pager show of a document. */
function navEntry(document: Edition['documents'][number]): unknown[] {
  return [document.name, document.kind, document.kind === 'risk' ? document.id : '', document.title]
}

/** What the home, mappings and redirect pages show of a risk. */
function riskEntry(risk: Edition['risks'][number]): unknown[] {
  return [risk.name, risk.id, risk.title, risk.summary, risk.slug, risk.formerly, risk.scores, risk.mappings]
}

function renderSitemap(entries: readonly SitemapEntry[]): string {
  const escape = (text: string) => text.replace(/&/g, '&amp;')
  const lines = [...entries]
    .sort((a, b) => a.url.localeCompare(b.url))
    .map(({url, alternates: links}) => [`  <url><loc>${escape(url)}</loc>`, ...links.map((link) => `    <xhtml:link rel="alternate" hreflang="${link.code}" href="${escape(link.href)}"/>`), '  </url>'].join('\n'))
  return ['<?xml version="1.0" encoding="UTF-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">', ...lines, '</urlset>', ''].join('\n')
}
