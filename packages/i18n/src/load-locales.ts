import {existsSync} from 'node:fs'
import {readdir} from 'node:fs/promises'
import {join} from 'node:path'
import {visit} from 'unist-util-visit'
import type {VFile} from 'vfile'
import {assembleEdition, checkInsideTree, countErrors, identityIn, loadCached, loadTranslation, report, type LoadCache, sourceEdition, sourceLocale, type Edition, type EditionDocument, type LocaleInfo, type LocalizedEdition, type LocalizedPage} from '@mltop10/core'
import {checkTermUse} from './check-terms.js'
import {loadLocaleManifest, type LocaleManifest} from './locale-manifest.js'
import {createTranslator, englishStrings, type Translator, type UiStrings} from './translator.js'
import {loadTermbase, type Termbase} from './termbase.js'
import {loadUiStrings, type UiCoverage} from './ui-strings.js'

/**
 * A language the edition is published in, as the outputs take it: its UI
 * strings and its localized editions. English is one too (`sourceLanguage`).
 */
export interface Language {
  /** Code, name in itself and script direction. */
  readonly locale: LocaleInfo
  /** The UI strings over the fallback chain, ending in English. */
  readonly translator: Translator
  /** UI strings translated, for the translation dashboard; none for English. */
  readonly ui: UiCoverage | undefined
  /** Localized editions by edition name. */
  readonly editions: ReadonlyMap<string, LocalizedEdition>
}

/** A loaded, validated locale: a language with its manifest and folder. */
export interface Locale extends Language {
  readonly manifest: LocaleManifest
  /** Its termbase (`terms.yaml`), when it has a valid one. */
  readonly termbase: Termbase | undefined
  /** Absolute path of `locales/<code>/`. */
  readonly folder: string
  readonly ui: UiCoverage
}

/**
 * English as a language of the publication: the editions as they are, every
 * page its own source.
 *
 * @param editions The validated English editions, oldest first.
 * @param translator English UI strings. Default: the built-in ones.
 */
export function sourceLanguage(editions: readonly Edition[], translator: Translator = createTranslator()): Language {
  return {locale: sourceLocale, translator, ui: undefined, editions: new Map(editions.map((edition) => [edition.manifest.edition, sourceEdition(edition)]))}
}

/** What `loadLocales` returns. */
export interface LoadLocalesResult {
  readonly locales: readonly Locale[]
  readonly files: readonly VFile[]
  readonly errorCount: number
}

/** Options of `loadLocales`. */
export interface LoadLocalesOptions {
  /** Translations of earlier loads, reused for files that did not change against the same English (the dev server). */
  readonly cache?: LoadCache | undefined
}

/**
 * Loads every locale under a folder and validates it against the English
 * editions: its manifest (code, native name, direction, fallback chain), its UI
 * strings, and every translated page. Untranslated pages fall back to English.
 *
 * @param localesDir The `locales/` folder.
 * @param english The validated English editions.
 * @param options A cache of earlier loads.
 */
export async function loadLocales(localesDir: string, english: readonly Edition[], options: LoadLocalesOptions = {}): Promise<LoadLocalesResult> {
  const folders = existsSync(localesDir) ? (await readdir(localesDir, {withFileTypes: true})).filter((entry) => entry.isDirectory() && existsSync(join(localesDir, entry.name, 'locale.yaml'))).map((entry) => entry.name).sort() : []
  const files: VFile[] = []
  const manifests = new Map<string, {manifest: LocaleManifest; file: VFile; locate: (path: readonly PropertyKey[]) => import('unist').Point; dir: string}>()
  for (const folder of folders) {
    const dir = join(localesDir, folder)
    const loaded = await loadLocaleManifest(join(dir, 'locale.yaml'), folder)
    files.push(loaded.file)
    if (loaded.manifest) manifests.set(loaded.manifest.code, {...loaded, manifest: loaded.manifest, dir})
  }
  const chains = new Map<string, string[]>()
  for (const [code, {manifest, file, locate}] of manifests) chains.set(code, resolveChain(code, manifests, file, locate, manifest))

  const base = englishStrings()
  const ui = new Map<string, Awaited<ReturnType<typeof loadUiStrings>>>()
  for (const [code, {dir}] of manifests) {
    const loaded = await loadUiStrings(join(dir, 'ui.json'), code, base)
    files.push(loaded.file)
    ui.set(code, loaded)
  }
  const termbases = new Map<string, Termbase>()
  for (const [code, {dir}] of manifests) {
    const loaded = await loadTermbase(join(dir, 'terms.yaml'))
    if (loaded) files.push(loaded.file)
    if (loaded?.termbase) termbases.set(code, loaded.termbase)
  }
  const locales: Locale[] = []
  for (const [code, {manifest, dir}] of manifests) {
    // UI strings fall back along the chain, then to English; pages fall back to English.
    const chain = chains.get(code) ?? []
    const resources: Record<string, UiStrings> = {}
    for (const link of [code, ...chain]) {
      const strings = ui.get(link)?.strings
      if (strings) resources[link] = strings
    }
    const editions = new Map<string, LocalizedEdition>()
    const locale: LocaleInfo = {code, nativeName: manifest.nativeName, direction: manifest.dir}
    const termbase = termbases.get(code)
    const terms = termbase && {variants: termbase.variants, file: `terms.yaml of locale ${code}`}
    for (const edition of english) editions.set(edition.manifest.edition, await localizeEdition(edition, locale, join(dir, 'editions', edition.manifest.edition), files, localesDir, options.cache, terms))
    locales.push({locale, manifest, folder: dir, termbase, translator: createTranslator({locale: code, resources, fallback: chain, dir: manifest.dir}), ui: ui.get(code)!.coverage, editions})
  }
  return {locales, files, errorCount: countErrors(files)}
}

function resolveChain(code: string, manifests: ReadonlyMap<string, {manifest: LocaleManifest}>, file: VFile, locate: (path: readonly PropertyKey[]) => import('unist').Point, manifest: LocaleManifest): string[] {
  const chain: string[] = []
  const seen = new Set([code])
  let current = manifest
  for (;;) {
    const next = current.fallback.find((candidate) => candidate !== 'en')
    if (next === undefined) return chain
    if (seen.has(next)) {
      report(file, `Fallback chain loops: ${[code, ...chain, next].join(' -> ')}`, locate(['fallback']), 'locale-fallback-loop', 'End the chain at a locale without fallback, or at en')
      return chain
    }
    const target = manifests.get(next)
    if (!target) {
      report(file, `Fallback locale \`${next}\` does not exist`, locate(['fallback']), 'locale-unknown-fallback', 'Name a locale that has a folder under locales/, or remove it (English is always the last fallback)')
      return chain
    }
    chain.push(next)
    seen.add(next)
    current = target.manifest
  }
}

async function localizeEdition(edition: Edition, locale: LocaleInfo, dir: string, files: VFile[], localesDir: string, cache: LoadCache | undefined, terms: {variants: Termbase['variants']; file: string} | undefined): Promise<LocalizedEdition> {
  const names = existsSync(dir) ? (await readdir(dir)).filter((entry) => entry.endsWith('.md')).map((entry) => entry.slice(0, -3)).sort() : []
  const translated = new Map<string, {document: EditionDocument; sourceHash: string; path: string; file: VFile}>()
  let targets: string | undefined
  for (const name of names) {
    const path = join(dir, `${name}.md`)
    // A symbolic link out of the locales folder would publish a file from elsewhere.
    const outside = await checkInsideTree(path, localesDir)
    if (outside) {
      files.push(outside)
      continue
    }
    // A translation is checked against its English page and the anchors of every page it may link to.
    const english = edition.documents.find((document) => document.name === name)
    const inputs = cache ? `translation\u0000${name}\u0000${edition.manifest.edition}\u0000${english ? identityIn(cache, english) : 0}\u0000${targets ??= linkTargets(edition)}` : ''
    const result = await loadCached(cache, path, inputs, () => loadTranslation(path, edition, name))
    files.push(result.file)
    // After the cache: it drops the messages later checks added, so a reload checks again.
    if (terms && result.document) checkTermUse(result.file, result.document.tree, terms.variants, terms.file)
    if (result.document && result.sourceHash) translated.set(name, {document: result.document, sourceHash: result.sourceHash, path, file: result.file})
  }
  const pages = edition.documents.map((document): LocalizedPage => {
    const translation = translated.get(document.name)
    const state = !translation ? 'missing' : translation.sourceHash === document.hash ? 'translated' : 'outdated'
    return {name: document.name, state, sourceHash: translation?.sourceHash, englishHash: document.hash, englishPath: document.path, path: translation?.path}
  })
  const documents = resolveAnchors(
    edition.documents.map((document) => translated.get(document.name)?.document ?? document),
    (name) => translated.get(name)?.file
  )
  return {locale, pages, edition: assembleEdition(edition, documents)}
}

/** What a translation's links are checked against: every page's kind and anchors, as a key. */
function linkTargets(edition: Edition): string {
  return JSON.stringify(edition.documents.map((document) => [document.name, document.kind, [...document.anchors]]))
}

/**
 * Points links at the page instead of at an anchor the page does not have in
 * this locale. That happens only around an outdated translation (the English
 * page gained a heading or a scenario since), so it is information for the
 * translator, never a broken link: the reader still lands on the right page.
 * Trees are copied before they change; English documents are shared.
 *
 * @param documents The locale's documents, translated or English.
 * @param fileOf The translation's file of a page, when it is translated.
 */
function resolveAnchors<D extends EditionDocument>(documents: readonly D[], fileOf: (name: string) => VFile | undefined): D[] {
  const byName = new Map(documents.map((document) => [document.name, document]))
  return documents.map((document) => {
    const dangling = document.links.filter((link) => link.anchor !== undefined && byName.get(link.document)?.anchors.has(link.anchor) === false)
    if (dangling.length === 0) return document
    const tree = structuredClone(document.tree)
    const urls = new Set(dangling.map((link) => link.url))
    visit(tree, (node) => {
      if ((node.type === 'link' || node.type === 'definition') && urls.has(node.url)) node.url = node.url.slice(0, node.url.indexOf('#')) || `${document.name}.md`
    })
    for (const link of dangling) {
      const file = fileOf(document.name) ?? fileOf(link.document)
      if (!file) continue
      const message = file.message(`Link \`${link.url}\`${fileOf(document.name) ? '' : ` in the English \`${document.name}.md\``} leads to the top of \`${link.document}.md\`: its anchor \`#${link.anchor}\` is not in this locale's version of that page`, {place: fileOf(document.name) ? link.position : {line: 1, column: 1}, ruleId: 'translation-anchor-fallback', source: 'i18n'})
      message.fatal = undefined
      message.note = 'Update the outdated translation (pnpm i18n:status shows the English changes); until then the link opens the page'
    }
    return {...document, tree, links: document.links.map((link) => (dangling.includes(link) ? {...link, anchor: undefined, url: link.url.slice(0, link.url.indexOf('#'))} : link))}
  })
}
