import type {Root} from 'hast'
import {toHtml} from 'hast-util-to-html'
import {exitCodes, MlTop10Error, type Edition, type SiteConfig} from '@mltop10/core'
import {createTranslator, type Translator} from '@mltop10/i18n'
import {loadAssets} from './assets.js'
import {checkLinks, type BuiltPage} from './check-links.js'
import type {LinkSource, RenderContext} from './context.js'
import {renderDocumentPage} from './render/document-page.js'
import {renderHomePage} from './render/home-page.js'
import {renderLayout, type PageSpec} from './render/layout.js'
import {renderNotFoundPage, renderRedirectPage, renderSearchPage} from './render/utility-pages.js'
import {createRoutes, fileOf} from './routes.js'
import {buildSearchIndex, type SearchEntry} from './search-index.js'
import {writeFolderAtomically} from './write-atomic.js'

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
  /** Extra scripts for every page, as site paths (the dev server's reload script). */
  readonly extraAssets?: ReadonlyMap<string, string>
  /** The repository of the content, for "edit this page" and "report a problem" links; none when absent. */
  readonly repository?: SiteConfig['repository'] | undefined
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
  const baseUrl = normaliseBaseUrl(options.baseUrl ?? 'http://localhost:8080/')
  const translator = options.translator ?? createTranslator()
  const basePath = new URL(baseUrl).pathname
  const files = new Map<string, string | Uint8Array>(loadAssets())
  for (const [path, content] of options.extraAssets ?? []) files.set(path, content)
  const pages: BuiltPage[] = []
  const linkSources: LinkSource[] = []
  const sitemap: string[] = []
  const extraScripts = [...(options.extraAssets?.keys() ?? [])].filter((path) => path.endsWith('.js'))

  const emit = (spec: PageSpec, context: RenderContext) => {
    const full = {...spec, scripts: [...(spec.scripts ?? []), ...extraScripts]}
    const tree: Root = renderLayout(full, context)
    files.set(fileOf(spec.folder), `${toHtml(tree)}\n`)
    pages.push({folder: spec.folder, tree, absolute: spec.links === 'absolute'})
    if (!spec.noindex) sitemap.push(new URL(spec.folder, baseUrl).href)
  }

  let latest: RenderContext | undefined
  for (const edition of options.editions) {
    const routes = createRoutes(translator.locale, edition.manifest.edition)
    const pdf = options.pdfs?.get(edition.manifest.edition)
    if (pdf) files.set(`pdf/${pdf.file}`, pdf.bytes)
    const context: RenderContext = {edition, t: translator.t, translator, routes, baseUrl, linkSources, repository: options.repository, pdf: pdf ? {path: `pdf/${pdf.file}`, bytes: pdf.bytes.byteLength} : undefined}
    const entries: SearchEntry[] = []
    emit(renderHomePage(context), context)
    for (const document of edition.documents) {
      const {spec, search} = renderDocumentPage(document, context)
      emit(spec, context)
      entries.push(...search)
    }
    emit(renderSearchPage(context), context)
    for (const risk of edition.risks) {
      for (const former of risk.formerly) emit(renderRedirectPage(routes.former(risk.id, former.slug), routes.page(risk.name), `${risk.id} ${risk.title}`, context), context)
    }
    files.set(routes.searchIndex, buildSearchIndex(entries, routes.search))
    latest = context
  }
  if (!latest) throw new MlTop10Error('No edition to build', 'Pass at least one edition to buildSite')

  const home = latest.routes.home
  emit(renderRedirectPage('', home, latest.edition.manifest.title, latest), latest)
  emit(renderRedirectPage(`${translator.locale.toLowerCase()}/`, home, latest.edition.manifest.title, latest), latest)
  emit(renderNotFoundPage(latest), latest)
  files.set('sitemap.xml', renderSitemap(sitemap))
  files.set('robots.txt', `User-agent: *\nAllow: /\nSitemap: ${new URL('sitemap.xml', baseUrl).href}\n`)

  const problems = checkLinks(pages, {files: new Set(files.keys()), basePath, sources: linkSources})
  if (problems.length > 0) {
    throw new MlTop10Error(`${problems.length} broken link${problems.length === 1 ? '' : 's'} in the site:\n${problems.join('\n')}`, 'Fix each link at the source it names; nothing was written', exitCodes.contentErrors)
  }
  await writeFolderAtomically(options.outDir, files)
  let bytes = 0
  for (const content of files.values()) bytes += typeof content === 'string' ? Buffer.byteLength(content) : content.byteLength
  return {outDir: options.outDir, pages: pages.length, files: files.size, bytes}
}

function normaliseBaseUrl(baseUrl: string): string {
  let url: URL
  try {
    url = new URL(baseUrl)
  } catch {
    throw new MlTop10Error(`Base URL \`${baseUrl}\` is not an absolute URL`, 'Give the address the site is served from, such as https://example.org/mltop10/')
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new MlTop10Error(`Base URL \`${baseUrl}\` is not http(s)`, 'Use an https:// address')
  return url.href.endsWith('/') ? url.href : `${url.href}/`
}

function renderSitemap(urls: readonly string[]): string {
  const entries = [...urls].sort().map((url) => `  <url><loc>${url.replace(/&/g, '&amp;')}</loc></url>`)
  return ['<?xml version="1.0" encoding="UTF-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">', ...entries, '</urlset>', ''].join('\n')
}
