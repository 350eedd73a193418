import {createHash} from 'node:crypto'
import type {Element, ElementContent, Root} from 'hast'
import {h} from 'hastscript'
import {licenses, type Edition} from '@mltop10/core'
import type {RenderContext} from '../context.js'
import {externalLink} from '@mltop10/render'
import {standaloneStylesheet} from '../assets.js'
import {languageNamesStylesheet, scriptFontStylesheet} from '../script-fonts.js'
import {createRoutes, localizedFolder, relativeUrl} from '../routes.js'

/** The Content-Security-Policy of every page: nothing inline, nothing from another host. */
export const contentSecurityPolicy = policyWith([], [])

/**
 * The policy, allowing besides the site's own files the inline scripts and
 * styles whose SHA-256 is given (only the 404 page has any).
 */
function policyWith(scripts: readonly string[], styles: readonly string[]): string {
  const hashes = (sources: readonly string[]) => sources.map((source) => ` 'sha256-${createHash('sha256').update(source).digest('base64')}'`).join('')
  return [
  "default-src 'self'",
  `script-src 'self'${hashes(scripts)}`,
  `style-src 'self'${hashes(styles)}`,
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'"
  ].join('; ')
}

/**
 * The script of the standalone 404 page: served at a missing address under any
 * base path, it finds the site's base from the address (the folder above the
 * first locale folder, such as `/top10/` in `/top10/en/2023/old-page/`) and points
 * the page's links there when the base differs from the configured one.
 */
function baseFinder(configured: string, localeFolders: readonly string[]): string {
  return `(() => {
  const folders = ${JSON.stringify(localeFolders)}
  const parts = location.pathname.split('/')
  const at = parts.findIndex((part, index) => index > 0 && folders.includes(part.toLowerCase()))
  if (at < 1) return
  const base = parts.slice(0, at).join('/') + '/'
  const configured = ${JSON.stringify(configured)}
  if (base === configured) return
  for (const element of document.querySelectorAll('a[href], form[action]')) {
    const name = element.tagName === 'FORM' ? 'action' : 'href'
    const value = element.getAttribute(name)
    if (value.startsWith(configured)) element.setAttribute(name, base + value.slice(configured.length))
  }
})()
`
}

/** What a page puts into the shared layout. */
export interface PageSpec {
  /** Folder of the page, such as `en/2023/glossary/`. */
  readonly folder: string
  /** Title of the page alone; the document title is appended in `<title>`. */
  readonly title: string
  readonly description: string
  /** The page's main content. */
  readonly main: readonly ElementContent[]
  /** Open Graph type. Default: `article`. */
  readonly ogType?: 'article' | 'website'
  /** Document name of the page, to mark it current in the navigation. */
  readonly current?: string
  /** Keep it out of search engines (redirects, 404). */
  readonly noindex?: boolean
  /** Site path the canonical URL points to. Default: the page itself. */
  readonly canonical?: string
  /**
   * The source of the page's text: the SHA-256 of its Markdown file and, for a
   * translation, of the English file it was translated from.
   */
  readonly source?: {readonly hash: string; readonly englishHash?: string | undefined}
  /** Extra `<head>` children, such as a refresh for a redirect. */
  readonly head?: readonly ElementContent[]
  /** Extra scripts, as site paths. */
  readonly scripts?: readonly string[]
  /**
   * How asset and page links are written. `relative` (default) works under any
   * base path; `absolute` (root-relative from the base URL's path) is for pages
   * served at arbitrary addresses, such as the 404 page: it then carries its
   * styles inline and a script that corrects the links' base path from its own
   * address, so it is styled and its links work under any base path.
   */
  readonly links?: 'relative' | 'absolute'
}

/** Most documents the navigation lists before it links to the list of all pages instead. */
export const navigationLimit = 40

/** `PageSpec.current` of the list of all pages. */
export const contentsPage = '#contents'

/**
 * The documents the navigation of a page lists: all of them up to `navigationLimit`, else the
 * first ones and the current one.
 *
 * @param edition The edition.
 * @param current Name of the page's document, if it is one.
 */
export function navDocuments(edition: Edition, current: string | undefined): Edition['documents'] {
  if (edition.documents.length <= navigationLimit) return edition.documents
  const first = edition.documents.slice(0, navigationLimit - 1)
  const own = edition.documents.find((document) => document.name === current)
  return own && !first.includes(own) ? [...first, own] : first
}

/**
 * Wraps a page's content in the site layout: head metadata and CSP, skip link,
 * header with search and theme switch, navigation, draft banner and footer.
 * Every word comes from the UI strings.
 *
 * @param spec The page.
 * @param context Render context.
 */
export function renderLayout(spec: PageSpec, context: RenderContext): Root {
  const {t, edition, routes, translator} = context
  const {manifest} = edition
  const basePath = new URL(context.baseUrl).pathname
  const link = (to: string) => (spec.links === 'absolute' ? `${basePath}${to}` : relativeUrl(spec.folder, to))
  const canonical = new URL(spec.canonical ?? spec.folder, context.baseUrl).href
  const pageTitle = spec.title === manifest.title ? manifest.title : `${spec.title} | ${manifest.title}`

  const standalone = spec.links === 'absolute'
  const inlineStyle = standalone ? standaloneStylesheet() : undefined
  // Each language's pages sit in a folder of its own at the top of the site.
  const inlineScript = standalone ? baseFinder(basePath, context.languages.map((language) => createRoutes(language.code, manifest.edition).home.split('/')[0]!)) : undefined
  const head = h('head', [
    h('meta', {charSet: 'utf-8'}),
    h('meta', {httpEquiv: 'Content-Security-Policy', content: standalone ? policyWith([inlineScript!], [inlineStyle!]) : contentSecurityPolicy}),
    h('meta', {name: 'viewport', content: 'width=device-width, initial-scale=1'}),
    h('meta', {name: 'color-scheme', content: 'light dark'}),
    h('title', pageTitle),
    h('meta', {name: 'description', content: spec.description}),
    spec.noindex ? h('meta', {name: 'robots', content: 'noindex'}) : undefined,
    h('link', {rel: 'canonical', href: canonical}),
    h('meta', {property: 'og:type', content: spec.ogType ?? 'article'}),
    h('meta', {property: 'og:title', content: spec.title}),
    h('meta', {property: 'og:description', content: spec.description}),
    h('meta', {property: 'og:url', content: canonical}),
    h('meta', {property: 'og:site_name', content: manifest.title}),
    h('meta', {property: 'og:locale', content: translator.locale.replace('-', '_')}),
    standalone ? h('style', inlineStyle!) : h('link', {rel: 'stylesheet', href: link('assets/site.css')}),
    ...(scriptFontStylesheet(translator.locale) && !standalone ? [h('link', {rel: 'stylesheet', href: link(scriptFontStylesheet(translator.locale)!)})] : []),
    ...(context.languageNames && context.languages.length > 1 && spec.links !== 'absolute' ? [h('link', {rel: 'stylesheet', href: link(languageNamesStylesheet)})] : []),
    ...(spec.noindex ? [] : alternates(spec.folder, context).map((alternate) => h('link', {rel: 'alternate', hrefLang: alternate.code, href: new URL(alternate.path, context.baseUrl).href}))),
    ...(standalone ? [] : [h('script', {src: link('assets/theme.js')}), h('script', {src: link('assets/site.js'), defer: true})]),
    ...(spec.scripts ?? []).map((script) => h('script', {src: link(script), type: 'module'})),
    // Provenance: which edition and version this page is, and the source it was built from.
    h('meta', {name: 'generator', content: 'mltop10'}),
    h('meta', {name: 'mltop10:edition', content: manifest.edition}),
    h('meta', {name: 'mltop10:version', content: manifest.version}),
    ...(spec.source ? [h('meta', {name: 'mltop10:source-hash', content: spec.source.hash}), ...(spec.source.englishHash ? [h('meta', {name: 'mltop10:english-hash', content: spec.source.englishHash})] : [])] : []),
    ...(spec.head ?? [])
  ].filter((node): node is Element => node !== undefined))

  const navItem = (document: Edition['documents'][number]) => {
    const label = document.kind === 'risk' ? [h('span.nav-id', {dir: 'ltr'}, document.id), ` ${document.title}`] : [document.title]
    const current = spec.current === document.name ? {ariaCurrent: 'page'} : {}
    return h(`li.nav-${document.kind}`, h('a', {href: link(routes.page(document.name)), ...current}, label))
  }
  // The navigation lists every document of an ordinary edition. A very large one lists its first
  // documents, the current one and a link to the list of all pages, so each page stays small
  // and the site grows linearly with its pages.
  const shown = navDocuments(edition, spec.current)
  const navItems = shown.map(navItem)
  if (shown.length < edition.documents.length) {
    navItems.push(h('li.nav-all', h('a', {href: link(routes.contents), ...(spec.current === contentsPage ? {ariaCurrent: 'page'} : {})}, t('site.allPages', {count: edition.documents.length}))))
  }

  const body = h('body', [
    h('a.skip-link', {href: '#main'}, t('site.skipToContent')),
    h('header.site-header', [
      h('a.brand', {href: link(routes.home)}, [h('span.brand-title', manifest.title), h('span.brand-edition', ` ${manifest.edition}`)]),
      h('form.search-form', {role: 'search', action: link(routes.search), method: 'get'}, [
        h('label.visually-hidden', {htmlFor: 'site-search'}, t('search.label')),
        h('input', {type: 'search', id: 'site-search', name: 'q', placeholder: t('search.placeholder'), autocomplete: 'off'}),
        h('button', {type: 'submit'}, t('search.button'))
      ]),
      context.languages.length > 1 && spec.links !== 'absolute' ? renderLanguages(spec.folder, context) : undefined,
      h('button.menu-toggle', {type: 'button', ariaExpanded: 'false', ariaControls: 'site-nav', hidden: true}, t('site.menu')),
      h('button.theme-toggle', {type: 'button', ariaPressed: 'false', hidden: true}, t('site.themeToggle'))
    ].filter((node): node is Element => node !== undefined)),
    renderEditionFacts(context, link, spec.current),
    manifest.status === 'draft' ? h('p.draft-banner', {role: 'note'}, [h('strong', `${t('site.status.draft')}: `), t('site.draftNotice')]) : undefined,
    h('div.layout', [
      h('nav.site-nav#site-nav', {ariaLabel: t('site.mainNavigation')}, h('ul', [h('li.nav-home', h('a', {href: link(routes.home), ...(spec.current === '' ? {ariaCurrent: 'page'} : {})}, t('site.home'))), ...navItems])),
      h('main#main', {tabIndex: -1}, [...spec.main])
    ]),
    h('footer.site-footer', [
      h('p', t('site.editionLine', {edition: manifest.edition, version: manifest.version, date: manifest.released}) + ` (${t(`site.status.${manifest.status}`)})`),
      h('p', t('site.licenseNotice', {license: licenses[manifest.license]?.name ?? manifest.license})),
      context.languages.length > 1 && spec.links !== 'absolute' ? h('p', h('a', {href: link(routes.translations)}, t('dashboard.title'))) : undefined
    ].filter((node): node is Element => node !== undefined)),
    standalone ? h('script', inlineScript!) : undefined
  ].filter((node): node is Element => node !== undefined))

  return {type: 'root', children: [{type: 'doctype'}, h('html', {lang: translator.locale, dir: translator.dir}, [head, body])]}
}

/** What each download is, for its link: media type and UI string. */
const downloads = {
  pdf: {type: 'application/pdf', label: 'site.downloadPdf'},
  epub: {type: 'application/epub+zip', label: 'site.downloadEpub'},
  summary: {type: 'application/pdf', label: 'site.downloadSummary'}
} as const

/** The downloads of an edition, in the order its pages list them. */
export const downloadKinds = Object.keys(downloads) as (keyof typeof downloads)[]

/**
 * The link to download an edition's PDF, EPUB or one-page summary, with the file size.
 *
 * @param context Render context; its edition must have that download.
 * @param kind Which download.
 * @param href URL of the file from the page holding the link.
 */
export function renderDownloadLink(context: RenderContext, kind: keyof typeof downloads, href: string): Element {
  const megabytes = Math.max(0.1, Math.round(((context[kind]?.bytes ?? 0) / 1024 / 1024) * 10) / 10)
  return h('a.download', {href, type: downloads[kind].type, download: ''}, context.t(downloads[kind].label, {size: `${megabytes} MB`}))
}

/**
 * The edition's facts, on every page: edition, version, status, release date,
 * license (linked to its text), changelog, source repository, the PDF, the EPUB and the summary.
 *
 * @param context Render context.
 * @param link Makes a page-relative URL from a site path.
 */
function renderEditionFacts(context: RenderContext, link: (to: string) => string, current: string | undefined): Element {
  const {t, edition, routes} = context
  const {manifest} = edition
  const license = licenses[manifest.license]
  const changelog = edition.documents.find((document) => document.name === 'changelog')
  const facts = [
    h('li', t('site.facts.edition', {edition: manifest.edition})),
    h('li', t('site.facts.version', {version: manifest.version})),
    h(`li.status-${manifest.status}`, t(`site.status.${manifest.status}`)),
    h('li', t('site.facts.released', {date: manifest.released})),
    h('li', license ? externalLink(license.url, [h('span.license-badge', license.name)], t('site.externalLink')) : manifest.license),
    changelog ? h('li', h('a', {href: link(routes.page(changelog.name))}, t('site.facts.changelog'))) : undefined,
    context.repository ? h('li', externalLink(context.repository.url, [t('site.facts.source')], t('site.externalLink'))) : undefined,
    context.editions.length > 1 ? h('li.editions', [`${t('site.facts.editions')} `, ...context.editions.flatMap((other, index) => {
      // The same page in the other edition when it has one, else that edition's home.
      const otherRoutes = createRoutes(routes.locale, other.name)
      const target = other.name === manifest.edition ? undefined : current && other.pages.has(current) ? otherRoutes.page(current) : otherRoutes.home
      const item = target === undefined ? h('strong', {ariaCurrent: 'page'}, other.name) : h('a', {href: link(target)}, other.name)
      return index === 0 ? [item] : [' · ', item]
    })]) : undefined,
    ...downloadKinds.map((kind) => {
      const download = context[kind]
      return download ? h('li', renderDownloadLink(context, kind, link(download.path))) : undefined
    })
  ].filter((node): node is Element => node !== undefined)
  return h('nav.edition-facts', {ariaLabel: t('site.facts.label')}, h('ul', facts))
}

/**
 * The same page in every language of the site, for `hreflang` links and the
 * sitemap: English is also the `x-default`. Pages outside a locale (the root,
 * 404) have none.
 *
 * @param folder Folder of the page.
 * @param context Render context.
 */
export function alternates(folder: string, context: RenderContext): {code: string; path: string}[] {
  const links = context.languages.flatMap((language) => {
    const path = localizedFolder(folder, context.translator.locale, language.code)
    return path === undefined ? [] : [{code: language.code, path}]
  })
  if (links.length === 0) return []
  return [...links, {code: 'x-default', path: links[0]!.path}]
}

/** The language switcher: this page in every language, each named in itself. */
function renderLanguages(folder: string, context: RenderContext): Element {
  const links = alternates(folder, context).filter((alternate) => alternate.code !== 'x-default')
  return h('nav.languages', {ariaLabel: context.t('locale.languages')}, h('ul', links.map((alternate) => {
    const language = context.languages.find((candidate) => candidate.code === alternate.code)!
    const current = alternate.code === context.translator.locale
    return h('li', h('a', {href: relativeUrl(folder, alternate.path), hrefLang: alternate.code, lang: alternate.code, ...(current ? {ariaCurrent: 'page'} : {})}, language.nativeName))
  })))
}
