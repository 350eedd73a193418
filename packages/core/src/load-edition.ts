import {existsSync} from 'node:fs'
import {readdir} from 'node:fs/promises'
import {basename, dirname, join, resolve} from 'node:path'
import type {Point} from 'unist'
import type {VFile} from 'vfile'
import {assembleEdition} from './assemble-edition.js'
import {MlTop10Error} from './errors.js'
import {loadCached, type LoadCache} from './load-cache.js'
import {readGlossaryBody} from './glossary-document.js'
import {checkLinks, collectLinks} from './links.js'
import {parseMarkdown} from './markdown.js'
import {readPageBody} from './page-document.js'
import {countErrors, report} from './problem.js'
import {checkRiskName, readRiskBody} from './risk-document.js'
import {loadReleases} from './releases.js'
import {manifestSchema, pageFrontMatterSchema, riskFrontMatterSchema, type ManifestData} from './schema.js'
import {readSource} from './source.js'
import type {EditionDocument, GlossaryDocument, InternalLink, LoadResult, PageDocument, RiskDocument, Scores} from './types.js'
import {parseYamlData} from './yaml-data.js'

/** Documents every edition must have, besides its risks. */
export const requiredPages = ['introduction', 'glossary', 'about', 'related-resources'] as const

const riskNamePattern = /^ML\d/i
const start: Point = {line: 1, column: 1}

/** A document as loaded, with what the cross-document checks need even when it is invalid. */
interface Loaded {
  readonly name: string
  readonly file: VFile
  /** The document, only when it has no errors of its own that prevent building it. */
  readonly document: EditionDocument | undefined
  /** Kind from the file name; anchors and links when its body could be read. */
  readonly kind: EditionDocument['kind']
  readonly anchors: ReadonlySet<string> | undefined
  readonly links: readonly InternalLink[]
  /** Where a front matter field is, for problems about the document's identity. */
  readonly locate: (path: readonly PropertyKey[]) => Point
}

/** Options of `loadEdition`. */
export interface LoadEditionOptions {
  /** Documents of earlier loads, reused for files that did not change (the dev server). */
  readonly cache?: LoadCache | undefined
}

/**
 * Loads an edition folder into typed data and validates it: the manifest, every
 * document's front matter and structure, ids, slugs and links. Every problem is
 * a message on its file; one call reports all of them.
 *
 * @param dir Path of the edition folder (the one holding `edition.yaml`).
 * @param options A cache of earlier loads.
 * @returns The files with their messages, and the edition when it has no errors.
 * @throws {MlTop10Error} When the folder or its manifest does not exist.
 */
export async function loadEdition(dir: string, options: LoadEditionOptions = {}): Promise<LoadResult> {
  const root = resolve(dir)
  const manifestPath = join(root, 'edition.yaml')
  if (!existsSync(manifestPath)) {
    throw new MlTop10Error(`No edition at ${root}: edition.yaml not found`, 'Pass the folder of an edition, such as content/editions/2023, which holds edition.yaml and the documents')
  }
  // Files must really be in the content folder (`<content>/editions/<edition>`), or in the edition folder given alone.
  const contentRoot = basename(dirname(root)) === 'editions' ? dirname(dirname(root)) : root
  const manifestSource = await readSource(manifestPath, {root: contentRoot})
  const manifestYaml = manifestSource.text === undefined ? undefined : parseYamlData(manifestSource.text, manifestSchema, {file: manifestSource.file, line: 1, start})
  const manifest = manifestYaml?.data

  const names = (await readdir(root)).filter((entry) => entry.endsWith('.md')).map((entry) => basename(entry, '.md')).sort()
  const loaded = await Promise.all(names.map((name) => {
    const path = join(root, `${name}.md`)
    return loadCached(options.cache, path, `edition\u0000${contentRoot}`, () => loadDocument(path, name, contentRoot))
  }))
  const byName = new Map(loaded.map((item) => [item.name, item]))

  if (manifest && manifestYaml) checkManifest(manifest, manifestYaml.locate, manifestSource.file, names, basename(root))
  checkIdentities(loaded)
  for (const item of loaded) checkLinks(item.links, item.file, byName)

  const releases = await loadReleases(root, manifest)
  const files = [manifestSource.file, ...(releases.file ? [releases.file] : []), ...loaded.map((item) => item.file)]
  const errorCount = countErrors(files)
  // Without errors, every listed document loaded.
  const edition = errorCount === 0 && manifest ? assembleEdition({dir: root, manifest, releases: releases.releases}, manifest.documents.map((name) => byName.get(name)!.document!)) : undefined
  return {edition, files, errorCount}
}

async function loadDocument(path: string, name: string, contentRoot: string): Promise<Loaded> {
  const kind = riskNamePattern.test(name) ? 'risk' : name === 'glossary' ? 'glossary' : 'page'
  const {file, text, hash} = await readSource(path, {root: contentRoot})
  const unreadable: Loaded = {name, file, document: undefined, kind, anchors: undefined, links: [], locate: () => start}
  if (text === undefined) return unreadable
  const {tree, frontMatter, bodyReadable} = parseMarkdown(text, file)
  if (!bodyReadable) return unreadable
  const origin = {file, line: frontMatter?.line ?? 1, start}

  if (kind === 'risk') {
    const yaml = frontMatter ? parseYamlData(frontMatter.text, riskFrontMatterSchema, origin) : undefined
    const body = readRiskBody(tree, file)
    const links = collectLinks(tree, name, file, body.referenceLinks)
    const partial: Loaded = {...unreadable, anchors: body.anchors, links, locate: yaml?.locate ?? unreadable.locate}
    const data = yaml?.data
    if (!data || !yaml) return partial
    checkRiskName(data, name, file, yaml.locate(['id']))
    if (!body.sections) return partial
    const document: RiskDocument = {
      kind,
      name,
      path,
      title: data.title,
      description: data.summary,
      tree,
      anchors: body.anchors,
      links,
      headingIds: [],
      hash,
      id: data.id,
      rank: Number(data.id.slice(2)),
      slug: data.slug,
      formerly: data.formerly,
      summary: data.summary,
      keyControls: data.keyControls,
      scores: data.scores as Scores,
      mappings: data.mappings,
      sections: body.sections,
      controls: body.controls,
      detectAndRespond: body.detectAndRespond,
      checklist: body.checklist,
      scenarios: body.scenarios,
      references: body.references
    }
    return {...partial, document}
  }

  const yaml = frontMatter ? parseYamlData(frontMatter.text, pageFrontMatterSchema, origin) : undefined
  const links = collectLinks(tree, name, file)
  const data = yaml?.data
  if (kind === 'glossary') {
    const {terms, anchors} = readGlossaryBody(tree, file)
    const partial: Loaded = {...unreadable, anchors, links}
    if (!data || !yaml) return partial
    const document: GlossaryDocument = {kind, name, path, title: data.title, description: data.description, tree, anchors, links, headingIds: terms.map((term) => term.id), hash, terms}
    return {...partial, document, locate: yaml.locate}
  }
  const {anchors, headingIds} = readPageBody(tree, file)
  const partial: Loaded = {...unreadable, anchors, links}
  if (!data || !yaml) return partial
  const document: PageDocument = {kind, name, path, title: data.title, description: data.description, tree, anchors, links, headingIds, hash}
  return {...partial, document, locate: yaml.locate}
}

function checkManifest(manifest: ManifestData, locate: (path: readonly PropertyKey[]) => Point, file: VFile, names: readonly string[], folder: string): void {
  if (manifest.edition !== folder) {
    report(file, `Edition \`${manifest.edition}\` does not match its folder \`${folder}\``, locate(['edition']), 'manifest-edition-folder', `Set \`edition: "${folder}"\`, or rename the folder`)
  }
  const seen = new Set<string>()
  manifest.documents.forEach((name, index) => {
    if (seen.has(name)) {
      report(file, `Document \`${name}\` is listed twice`, locate(['documents', index]), 'manifest-duplicate-document', 'List each document once')
    } else if (!names.includes(name)) {
      report(file, `Document \`${name}\` is listed but \`${name}.md\` does not exist`, locate(['documents', index]), 'manifest-missing-document', `Create \`${name}.md\` in this folder, or remove \`${name}\` from \`documents\``)
    }
    seen.add(name)
  })
  for (const name of names) {
    if (!seen.has(name)) report(file, `\`${name}.md\` is not listed in \`documents\``, locate(['documents']), 'manifest-unlisted-document', `Add \`${name}\` to \`documents\` where it belongs in reading order, or delete the file`)
  }
  for (const name of requiredPages) {
    if (!seen.has(name)) report(file, `Required document \`${name}\` is not listed in \`documents\``, locate(['documents']), 'manifest-required-document', `Every edition has ${requiredPages.map((page) => `\`${page}\``).join(', ')}: write \`${name}.md\` and list it`)
  }
}

function checkIdentities(loaded: readonly Loaded[]): void {
  const ids = new Map<string, string>()
  const slugs = new Map<string, string>()
  for (const {document, file, locate} of loaded) {
    if (document?.kind !== 'risk') continue
    const other = ids.get(document.id)
    if (other) report(file, `Duplicate risk id \`${document.id}\`: \`${other}.md\` has it too`, locate(['id']), 'duplicate-id', 'Give each risk its own id; ids never change once published')
    else ids.set(document.id, document.name)
    const claims = [{slug: document.slug, path: ['slug']}, ...document.formerly.map((former, index) => ({slug: former.slug, path: ['formerly', index, 'slug']}))]
    for (const claim of claims) {
      const owner = slugs.get(claim.slug)
      if (owner && owner !== document.name) report(file, `Slug \`${claim.slug}\` is already used by \`${owner}.md\``, locate(claim.path), 'duplicate-slug', 'Each current and former slug must lead to one risk only')
      else slugs.set(claim.slug, document.name)
    }
  }
}
