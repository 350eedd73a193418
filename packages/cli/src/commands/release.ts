import {execFileSync} from 'node:child_process'
import {createHash} from 'node:crypto'
import {existsSync, readdirSync} from 'node:fs'
import {mkdir, mkdtemp, readFile, rename, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join, relative, resolve} from 'node:path'
import {launchBrowser} from '@mltop10/browser'
import {exitCodes, MlTop10Error, type Edition} from '@mltop10/core'
import {exportEdition, type EditionExport} from '@mltop10/export'
import {buildSite} from '@mltop10/site'
import type {CliIo} from '../run-cli.js'
import {loadEditions} from './load-editions.js'
import {loadLocalesFor} from './load-locales.js'
import {renderPdfs} from './render-pdfs.js'
import {dataExports, siteLocales} from './site-inputs.js'

/** Options of the release command. */
export interface ReleaseOptions {
  /** Content folder. */
  readonly dir: string
  readonly edition: string
  readonly version: string
  /** Release date, `YYYY-MM-DD`; default: today (UTC), or SOURCE_DATE_EPOCH's day. */
  readonly date: string | undefined
  /** Folder of releases; each goes to `<out>/<edition>/<version>/`. */
  readonly out: string
  readonly dryRun: boolean
  readonly allowOutdated: boolean
  readonly allowDirty: boolean
  readonly baseUrl: string | undefined
  readonly pdfTimeout: number
}

const semver = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([\da-z-]+(?:\.[\da-z-]+)*))?$/i

/** Compares two semantic versions: negative, zero or positive. */
function compareVersions(a: string, b: string): number {
  const [, ...x] = semver.exec(a)!
  const [, ...y] = semver.exec(b)!
  for (let index = 0; index < 3; index++) if (Number(x[index]) !== Number(y[index])) return Number(x[index]) - Number(y[index])
  if (x[3] === y[3]) return 0
  return x[3] === undefined ? 1 : y[3] === undefined ? -1 : x[3]! < y[3]! ? -1 : 1
}

/**
 * Releases an edition: refuses a dirty tree, a bad or non-increasing version,
 * an existing release, content or locale errors and outdated translations;
 * records the version and date in the manifest and a changelog entry; builds
 * every locale's PDF, the site and the data exports; and writes a reproducible
 * archive of the site, the PDFs, JSON, JSON Schema, CSV and `SHA256SUMS` to
 * `<out>/<edition>/<version>/`, which appears only once complete.
 *
 * @param options What to release and how.
 * @param io Output streams and working folder.
 */
export async function releaseCommand(options: ReleaseOptions, io: CliIo): Promise<number> {
  if (!semver.test(options.version)) throw new MlTop10Error(`Version \`${options.version}\` is not a semantic version`, 'Use MAJOR.MINOR.PATCH, such as 1.0.0 or 1.0.0-rc.1')
  const date = options.date ?? new Date(process.env['SOURCE_DATE_EPOCH'] ? Number(process.env['SOURCE_DATE_EPOCH']) * 1000 : Date.now()).toISOString().slice(0, 10)
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new MlTop10Error(`Date \`${date}\` is not YYYY-MM-DD`, 'Pass --date 2024-05-01, or leave it out for today')
  const contentDir = resolve(io.cwd, options.dir)
  if (!options.allowDirty) {
    const status = gitStatus(contentDir)
    if (status) throw new MlTop10Error('The working tree has uncommitted changes', `Commit or stash them first, so the release matches a commit (or pass --allow-dirty):\n${status}`)
  }
  const releases = resolve(io.cwd, options.out, options.edition)
  const target = join(releases, options.version)
  if (existsSync(target)) throw new MlTop10Error(`Release ${options.edition} ${options.version} already exists at ${relative(io.cwd, target)}`, 'Releases are never overwritten: choose the next version')
  const previous = existsSync(releases) ? readdirSync(releases).filter((name) => semver.test(name)).sort(compareVersions).at(-1) : undefined
  if (previous && compareVersions(options.version, previous) <= 0) throw new MlTop10Error(`Version ${options.version} is not greater than the last release, ${previous}`, `Choose a version after ${previous}`)

  const manifestPath = join(contentDir, 'editions', options.edition, 'edition.yaml')
  if (!existsSync(manifestPath)) throw new MlTop10Error(`No edition ${options.edition} in ${relative(io.cwd, contentDir) || '.'}`, 'Name an edition folder under content/editions/')
  const changelogPath = join(contentDir, 'editions', options.edition, 'changelog.md')
  const originals = new Map([[manifestPath, await readFile(manifestPath, 'utf8')], ...(existsSync(changelogPath) ? [[changelogPath, await readFile(changelogPath, 'utf8')] as const] : [])])
  const staging = await mkdtemp(join(tmpdir(), 'mltop10-release-'))
  let written = false
  try {
    // Validate first, against the content as committed.
    const before = await loadAll(contentDir, options, io)
    const manifest = before.edition.manifest
    if (!previous && compareVersions(options.version, manifest.version) < 0) throw new MlTop10Error(`Version ${options.version} is lower than the edition's version ${manifest.version}`, `Choose ${manifest.version} or later`)
    const outdated = before.localized.flatMap(({locale, pageStates}) => [...pageStates].filter(([, state]) => state === 'outdated').map(([page]) => `${locale}/${page}`))
    if (outdated.length > 0 && !options.allowOutdated) throw new MlTop10Error(`${outdated.length} translated ${outdated.length === 1 ? 'page is' : 'pages are'} outdated: ${outdated.join(', ')}`, 'Update them (see pnpm i18n:status), or pass --allow-outdated to release them marked as outdated', exitCodes.contentErrors)

    // Record the version, date and changes in the content, then build from it.
    const previousExport = previous ? (JSON.parse(await readFile(join(releases, previous, `${options.edition}-en.json`), 'utf8')) as EditionExport) : undefined
    const entry = changelogEntry(options.version, date, before, previousExport, outdated)
    await writeFile(manifestPath, originals.get(manifestPath)!.replace(/^version:.*$/m, `version: ${options.version}`).replace(/^released:.*$/m, `released: ${date}`))
    if (originals.has(changelogPath)) await writeFile(changelogPath, insertEntry(originals.get(changelogPath)!, entry))
    const after = await loadAll(contentDir, options, io)

    const epoch = Date.parse(`${date}T00:00:00Z`) / 1000
    const files = new Map<string, Uint8Array | string>()
    const chrome = launchBrowser({timeoutMs: options.pdfTimeout * 1000})
    chrome.catch(() => undefined)
    try {
      const pdfDir = join(staging, 'pdf')
      const pdfs = new Map<string, {file: string; bytes: Uint8Array}>()
      for (const output of await renderPdfs([after.edition], after.locales, pdfDir, chrome, {pdfTimeout: options.pdfTimeout, sourceDateEpoch: epoch}, io)) {
        const bytes = await readFile(join(pdfDir, output.file))
        pdfs.set(output.key, {file: output.file, bytes})
        files.set(output.file, bytes)
      }
      const exports = dataExports([after.edition], after.locales)
      const data = new Map<string, string>([['data/edition.schema.json', exports.schema]])
      for (const {edition, locale, json, csv} of exports.files) {
        data.set(`data/${edition}-${locale}.json`, json)
        files.set(`${edition}-${locale}.json`, json)
        files.set(`${edition}-${locale}.csv`, csv)
      }
      files.set('edition.schema.json', exports.schema)
      const siteDir = join(staging, 'site')
      await buildSite({editions: [after.edition], locales: siteLocales(after.locales), outDir: siteDir, baseUrl: options.baseUrl ?? process.env['MLTOP10_BASE_URL'] ?? undefined, pdfs, files: data, repository: after.site.repository})
      files.set(`site-${options.edition}-${options.version}.tar.gz`, archive(siteDir, epoch))
    } finally {
      await chrome.then((launched) => launched.close(), () => undefined)
    }
    const sums = [...files.keys()].sort().map((name) => `${createHash('sha256').update(files.get(name)!).digest('hex')}  ${name}`)
    files.set('SHA256SUMS', `${sums.join('\n')}\n`)

    if (options.dryRun) {
      io.stdout.write(`release ${options.edition} ${options.version} (dry run, nothing written):\n${entry}\n${sums.join('\n')}\n`)
      return exitCodes.ok
    }
    const assembled = join(staging, 'release')
    await mkdir(assembled, {recursive: true})
    for (const [name, content] of files) await writeFile(join(assembled, name), content)
    await mkdir(releases, {recursive: true})
    await rename(assembled, target)
    written = true
    io.stdout.write(`release ${options.edition} ${options.version} written to ${relative(io.cwd, target)}:\n${sums.join('\n')}\nupdated ${relative(io.cwd, manifestPath)}${originals.has(changelogPath) ? ` and ${relative(io.cwd, changelogPath)}` : ''}: commit them with the release\n`)
    return exitCodes.ok
  } finally {
    // A dry run or a failure leaves the content as it was.
    if (!written) for (const [path, text] of originals) await writeFile(path, text)
    await rm(staging, {recursive: true, force: true})
  }
}

function gitStatus(dir: string): string {
  try {
    return execFileSync('git', ['status', '--porcelain'], {cwd: dir, encoding: 'utf8'}).trim()
  } catch {
    throw new MlTop10Error('The content is not in a git repository', 'Release from a clone of the repository, or pass --allow-dirty')
  }
}

interface Loaded {
  readonly edition: Edition
  readonly locales: Awaited<ReturnType<typeof loadLocalesFor>>['locales']
  readonly localized: {locale: string; edition: Edition; pageStates: Map<string, 'translated' | 'outdated' | 'missing'>}[]
  readonly site: Awaited<ReturnType<typeof loadEditions>>['site']
}

async function loadAll(contentDir: string, options: ReleaseOptions, io: CliIo): Promise<Loaded> {
  const quiet: CliIo = {...io, stdout: {write: () => true}}
  const {editions, site, ok} = await loadEditions(join(contentDir, 'editions', options.edition), quiet)
  const edition = editions[0]
  if (!ok || !edition) throw new MlTop10Error('The edition has problems (listed above); nothing was released', 'Fix them: pnpm check', exitCodes.contentErrors)
  const {locales, ok: localesOk} = await loadLocalesFor(undefined, contentDir, [edition], quiet)
  if (!localesOk) throw new MlTop10Error('A locale has problems (listed above); nothing was released', 'Fix them: pnpm check', exitCodes.contentErrors)
  const localized = locales.map((locale) => {
    const entry = locale.editions.get(options.edition)!
    return {locale: locale.manifest.code, edition: entry.edition, pageStates: new Map(entry.pages.map((page) => [page.name, page.state]))}
  })
  return {edition, locales, localized, site}
}

/** The changelog entry of a release: what changed since the previous release's export. */
function changelogEntry(version: string, date: string, current: Loaded, previous: EditionExport | undefined, outdated: readonly string[]): string {
  const lines: string[] = []
  const now = exportEdition(current.edition, {locale: 'en'})
  if (!previous) {
    lines.push(`- First release of the ${now.edition} edition from this repository: ${now.risks.length} risks, ${now.pages.length} pages.`)
  } else {
    const before = new Map(previous.risks.map((risk) => [risk.id, risk]))
    for (const risk of now.risks) {
      const old = before.get(risk.id)
      if (!old) lines.push(`- Added ${risk.id} ${risk.title}.`)
      else {
        if (old.title !== risk.title) lines.push(`- Renamed ${risk.id} from ${old.title} to ${risk.title}.`)
        const rescored = Object.entries(risk.scores as Record<string, {score: number}>).filter(([factor, value]) => (old.scores as Record<string, {score: number}>)[factor]?.score !== value.score)
        if (rescored.length > 0) lines.push(`- Rescored ${risk.id}: ${rescored.map(([factor, value]) => `${factor} ${(old.scores as Record<string, {score: number}>)[factor]?.score} to ${value.score}`).join(', ')}.`)
      }
    }
    for (const id of before.keys()) if (!now.risks.some((risk) => risk.id === id)) lines.push(`- Removed ${id}.`)
    const pages = new Map(previous.pages.map((page) => [page.name, page.hash]))
    const changed = now.pages.filter((page) => page.name !== 'changelog' && pages.get(page.name) !== page.hash).map((page) => page.name)
    if (changed.length > 0) lines.push(`- Changed pages: ${changed.join(', ')}.`)
  }
  for (const {locale, pageStates} of current.localized) {
    const states = [...pageStates.values()]
    const translated = states.filter((state) => state === 'translated').length
    lines.push(`- Locale ${locale}: ${translated} of ${states.length} pages translated.`)
  }
  if (outdated.length > 0) lines.push(`- Released with outdated translations: ${outdated.join(', ')}.`)
  return `## ${version} - ${date}\n\n${lines.join('\n')}\n`
}

/** Puts a changelog entry before the first version heading. */
function insertEntry(changelog: string, entry: string): string {
  const index = changelog.search(/^## /m)
  return index === -1 ? `${changelog.trimEnd()}\n\n${entry}` : `${changelog.slice(0, index)}${entry}\n${changelog.slice(index)}`
}

/** A tar.gz of a folder that is the same bytes for the same files: sorted names, fixed times and owners, no gzip timestamp. */
function archive(dir: string, epoch: number): Uint8Array {
  const tar = execFileSync('tar', ['--sort=name', `--mtime=@${epoch}`, '--owner=0', '--group=0', '--numeric-owner', '--mode=u+rw,go+r,go-w', '--format=gnu', '-C', dir, '-cf', '-', '.'], {maxBuffer: 1024 * 1024 * 1024, env: {...process.env, LC_ALL: 'C', TZ: 'UTC'}})
  return execFileSync('gzip', ['-n', '-9'], {input: tar, maxBuffer: 1024 * 1024 * 1024})
}

