import {existsSync} from 'node:fs'
import {mkdir, readFile, writeFile} from 'node:fs/promises'
import {join, relative} from 'node:path'
import type {Heading} from 'mdast'
import {visit} from 'unist-util-visit'
import {exitCodes, MlTop10Error, normalizeSource, type Edition, type EditionDocument} from '@mltop10/core'
import {writeFileAtomically} from '@mltop10/output'
import {createRoutes} from '@mltop10/site'
import type {CliIo} from '../run-cli.js'
import {englishDiff} from './english-diff.js'
import {loadEditions} from './load-editions.js'
import {localesBeside, loadLocalesFor} from './load-locales.js'

/** Options of the translate command. */
export interface TranslateOptions {
  /** Content folder. */
  readonly dir: string
  readonly locales: string | undefined
  readonly locale: string
  /** A page: its file name (with or without `.md`) or a risk id such as `ML04`. */
  readonly page: string
  /** Edition; default: the newest. */
  readonly edition: string | undefined
  /** For an outdated translation: record the English file's current hash. */
  readonly accept: boolean
}

/**
 * Starts or refreshes the translation of one page. A page not yet translated is
 * copied from English into the locale with the English file's hash as `source:`,
 * only the translatable front matter, and an explicit `{#id}` on every heading
 * so the anchors survive translation. An outdated page gets its English changes
 * shown, and with `accept` its recorded hash set to the English file's.
 *
 * @param options Locale, page and what to do.
 * @param io Output streams and working folder.
 */
export async function translateCommand(options: TranslateOptions, io: CliIo): Promise<number> {
  const quiet: CliIo = {...io, stdout: {write: () => true}}
  const {editions, contentDir, ok} = await loadEditions(options.dir, quiet)
  if (!ok) throw new MlTop10Error('The English content has problems, so no page can be translated from it', 'See them with pnpm check', exitCodes.contentErrors)
  const edition = pickEdition(editions, options.edition)
  const document = pickDocument(edition, options.page)
  const localesDir = options.locales === undefined ? localesBeside(contentDir) : join(io.cwd, options.locales)
  const localeDir = join(localesDir, options.locale)
  if (!existsSync(join(localeDir, 'locale.yaml'))) throw new MlTop10Error(`No locale \`${options.locale}\` in ${relative(io.cwd, localesDir) || '.'}`, `Create it first: pnpm locale:add ${options.locale}`)
  const target = join(localeDir, 'editions', edition.manifest.edition, `${document.name}.md`)
  const shown = relative(io.cwd, target)

  if (!existsSync(target)) {
    if (options.accept) throw new MlTop10Error(`${shown} does not exist yet, so there is nothing to accept`, `Start it without --accept: pnpm translate ${options.locale} ${document.name}`)
    await mkdir(join(localeDir, 'editions', edition.manifest.edition), {recursive: true})
    const text = startTranslation(document, await readFile(document.path, 'utf8'))
    await writeFile(target, text, {flag: 'wx'})
    io.stdout.write(
      [
        `created ${shown} from the English page (source: ${document.hash.slice(0, 12)}...)`,
        `next: translate the title, ${document.kind === 'risk' ? 'summary, key controls' : 'description'} and text; keep the ${document.kind === 'risk' ? 'order of the sections, scenarios and references' : '{#id} at the end of each heading'}, and every link target;`,
        `then check it with pnpm check and preview it with pnpm dev (it shows at /${createRoutes(options.locale, edition.manifest.edition).home}).`,
        ''
      ].join('\n')
    )
    return exitCodes.ok
  }

  const {locales} = await loadLocalesFor(options.locales, contentDir, editions, {...quiet, stderr: {write: () => true}})
  const page = locales.find((locale) => locale.manifest.code === options.locale)?.editions.get(edition.manifest.edition)?.pages.find((entry) => entry.name === document.name)
  const text = await readFile(target, 'utf8')
  const recorded = /^source:\s*([\da-f]{64})\s*$/m.exec(text)?.[1] ?? page?.sourceHash
  if (recorded === document.hash) {
    io.stdout.write(`${shown} is up to date with the English page (source: ${document.hash.slice(0, 12)}...); pnpm check validates it\n`)
    return exitCodes.ok
  }
  const diff = recorded ? englishDiff(document.path, recorded, io.cwd) : '(the translation records no readable source: hash)'
  if (!options.accept) {
    io.stdout.write(`${shown} is outdated: the English page changed since it was translated.\nEnglish changes since then:\n${diff}\nnext: update the translation, then record the new English version with: pnpm translate ${options.locale} ${document.name} --accept\n`)
    return exitCodes.ok
  }
  if (!/^source:.*$/m.test(text)) throw new MlTop10Error(`${shown} has no \`source:\` line in its front matter`, `Add \`source: ${document.hash}\` to its front matter`)
  await writeFileAtomically(target, text.replace(/^source:.*$/m, `source: ${document.hash}`))
  io.stdout.write(`${shown} now records the current English page (source: ${document.hash.slice(0, 12)}...); pnpm check validates its structure against it\n`)
  return exitCodes.ok
}

function pickEdition(editions: readonly Edition[], name: string | undefined): Edition {
  const edition = name === undefined ? [...editions].sort((a, b) => a.manifest.edition.localeCompare(b.manifest.edition, 'en', {numeric: true})).at(-1) : editions.find((candidate) => candidate.manifest.edition === name)
  if (!edition) throw new MlTop10Error(`No edition \`${name}\``, `Editions: ${editions.map((candidate) => candidate.manifest.edition).join(', ')}`)
  return edition
}

function pickDocument(edition: Edition, page: string): EditionDocument {
  const wanted = page.replace(/^.*\//, '').replace(/\.md$/i, '').toLowerCase()
  const document = edition.documents.find((candidate) => candidate.name.toLowerCase() === wanted || (candidate.kind === 'risk' && candidate.id.toLowerCase() === wanted))
  if (!document) throw new MlTop10Error(`No page \`${page}\` in the ${edition.manifest.edition} edition`, `Name a page by its file name or risk id: ${edition.documents.map((candidate) => candidate.name).join(', ')}`)
  return document
}

/** The English page as a translation's starting point: translatable front matter, the English hash, anchors made explicit. */
function startTranslation(document: EditionDocument, english: string): string {
  const text = normalizeSource(english)
  const quoted = (value: string) => JSON.stringify(value)
  const front =
    document.kind === 'risk'
      ? [`source: ${document.hash}`, `id: ${document.id}`, `title: ${quoted(document.title)}`, `summary: ${quoted(document.summary)}`, 'keyControls:', ...document.keyControls.map((control) => `  - ${quoted(control)}`)]
      : [`source: ${document.hash}`, `title: ${quoted(document.title)}`, `description: ${quoted(document.description)}`]
  const bodyStart = /^---\n[\s\S]*?\n---\n/.exec(text)?.[0].length ?? 0
  let body = text
  if (document.kind !== 'risk') {
    // Translated heading text would change a slug anchor: write every anchor out.
    const ends: {offset: number; id: string}[] = []
    let index = 0
    visit(document.tree, 'heading', (node: Heading) => {
      if (node.depth === 1) return
      const id = document.headingIds[index++]
      const end = node.position?.end.offset
      if (id !== undefined && end !== undefined && !/\{#[^}]*\}\s*#*\s*$/.test(text.slice(node.position!.start.offset!, end))) ends.push({offset: end, id})
    })
    for (const {offset, id} of ends.sort((a, b) => b.offset - a.offset)) body = `${body.slice(0, offset)} {#${id}}${body.slice(offset)}`
  }
  return `---\n${front.join('\n')}\n---\n${body.slice(bodyStart)}`
}
