import {execFileSync} from 'node:child_process'
import {createHash} from 'node:crypto'
import {existsSync, readdirSync, renameSync} from 'node:fs'
import {mkdir, mkdtemp, readFile, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join, relative, resolve} from 'node:path'
import {launchBrowser} from '@mltop10/browser'
import {compareVersions, exitCodes, isVersion, MlTop10Error, recordRelease, releasesFile, releaseTexts, type Edition, type ReleaseRecord} from '@mltop10/core'
import {createTranslator, type Locale} from '@mltop10/i18n'
import {describeChange} from '@mltop10/render'
import {buildSite} from '@mltop10/site'
import type {CliIo} from '../run-cli.js'
import {loadEditions} from './load-editions.js'
import {loadLocalesFor} from './load-locales.js'
import {renderPdfs, summarySheet} from './render-pdfs.js'
import {buildEpubs} from './build-epubs.js'
import {dataExports, publicationLanguages} from './languages.js'

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

/**
 * Releases an edition: refuses a dirty tree, an unknown edition, a bad or
 * non-increasing version, an existing release, content or locale errors and
 * outdated translations; builds every locale's PDF and EPUB, the site and the
 * data exports from the edition as released (its new version, date and release
 * record, in memory); writes a reproducible archive of the site, the PDFs, the
 * EPUBs, JSON, JSON Schema, CSV and `SHA256SUMS` to a staging folder. Only then, in
 * one synchronous step that no signal handler splits, the release folder is renamed into
 * place and `edition.yaml` and `releases.yaml` are replaced. An interrupted
 * release leaves the tree as it was; translations are never touched.
 *
 * @param options What to release and how.
 * @param io Output streams and working folder.
 */
export async function releaseCommand(options: ReleaseOptions, io: CliIo): Promise<number> {
  if (!isVersion(options.version)) throw new MlTop10Error(`Version \`${options.version}\` is not a semantic version`, 'Use MAJOR.MINOR.PATCH, such as 1.0.0 or 1.0.0-rc.1')
  const date = options.date ?? new Date(process.env['SOURCE_DATE_EPOCH'] ? Number(process.env['SOURCE_DATE_EPOCH']) * 1000 : Date.now()).toISOString().slice(0, 10)
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) throw new MlTop10Error(`Date \`${date}\` is not YYYY-MM-DD`, 'Pass --date 2024-05-01, or leave it out for today')
  const contentDir = resolve(io.cwd, options.dir)
  const editionsDir = join(contentDir, 'editions')
  const known = existsSync(editionsDir) ? readdirSync(editionsDir).filter((name) => existsSync(join(editionsDir, name, 'edition.yaml'))).sort() : []
  // The edition is a folder name, never a path: nothing outside content/editions/ is read or written.
  if (!known.includes(options.edition)) throw new MlTop10Error(`No edition \`${options.edition}\` in ${relative(io.cwd, editionsDir) || '.'}`, known.length > 0 ? `Name one of: ${known.join(', ')} (pnpm check lists the content)` : 'Pass --content with the content folder, which holds editions/<edition>/edition.yaml')
  if (!options.allowDirty) {
    const status = gitStatus(contentDir)
    if (status) throw new MlTop10Error('The working tree has uncommitted changes', `Commit or stash them first, so the release matches a commit (see git status), or pass --allow-dirty:\n${status}`)
  }
  const releases = resolve(io.cwd, options.out, options.edition)
  const target = join(releases, options.version)
  if (existsSync(target)) throw new MlTop10Error(`Release ${options.edition} ${options.version} already exists at ${relative(io.cwd, target)}`, 'Releases are never overwritten: choose the next version')

  const editionDir = join(editionsDir, options.edition)
  const manifestPath = join(editionDir, 'edition.yaml')
  const recordsPath = join(editionDir, releasesFile)
  const staging = await mkdtemp(join(tmpdir(), 'mltop10-release-'))
  try {
    const before = await loadAll(contentDir, options, io)
    const previous = before.edition.releases[0]
    if (previous && compareVersions(options.version, previous.version) <= 0) throw new MlTop10Error(`Version ${options.version} is not greater than the last release, ${previous.version}`, `Choose a version after ${previous.version} (the releases are in ${relative(io.cwd, recordsPath)})`)
    if (!previous && compareVersions(options.version, before.edition.manifest.version) < 0) throw new MlTop10Error(`Version ${options.version} is lower than the edition's version ${before.edition.manifest.version}`, `Choose ${before.edition.manifest.version} or later (edition.yaml)`)
    const outdated = before.locales.flatMap((locale) => (locale.editions.get(options.edition)?.pages ?? []).filter((page) => page.state === 'outdated').map((page) => `${locale.manifest.code}/${page.name}`))
    if (outdated.length > 0 && !options.allowOutdated) throw new MlTop10Error(`${outdated.length} translated ${outdated.length === 1 ? 'page is' : 'pages are'} outdated: ${outdated.join(', ')}`, 'Update them (pnpm i18n:status shows what changed), or pass --allow-outdated to release them marked as outdated', exitCodes.contentErrors)

    // The edition as released: new version, date and record, in memory; files change only at the end.
    const coverage = before.locales.map((locale) => {
      const pages = locale.editions.get(options.edition)?.pages ?? []
      return {locale: locale.manifest.code, translated: pages.filter((page) => page.state === 'translated').length, total: pages.length}
    })
    const record = recordRelease(before.edition, options.version, date, previous, coverage, outdated)
    const released = (edition: Edition): Edition => ({...edition, manifest: {...edition.manifest, version: options.version, released: date}, releases: [record, ...edition.releases]})
    const edition = released(before.edition)
    const locales: Locale[] = before.locales.map((locale) => ({...locale, editions: new Map([...locale.editions].map(([name, localized]) => [name, {...localized, edition: released(localized.edition)}]))}))
    const texts = releaseTexts(await readFile(manifestPath, 'utf8'), existsSync(recordsPath) ? await readFile(recordsPath, 'utf8') : undefined, record)

    const epoch = Date.parse(`${date}T00:00:00Z`) / 1000
    const files = new Map<string, Uint8Array | string>()
    const chrome = launchBrowser({timeoutMs: options.pdfTimeout * 1000})
    chrome.catch(() => undefined)
    try {
      const pdfDir = join(staging, 'pdf')
      const pdfs = new Map<string, {file: string; bytes: Uint8Array}>()
      const languages = publicationLanguages([edition], locales)
      const baseUrl = options.baseUrl ?? (process.env['MLTOP10_BASE_URL'] ?? undefined)
      // A release is published: its canonical URLs, sitemap and the summary sheets' printed link and
      // QR code should name where, not the local preview address.
      if (baseUrl === undefined) io.stderr.write('warning: no --base-url or MLTOP10_BASE_URL: the canonical URLs, the sitemap and the link and QR code of the summary sheets point to http://localhost:8080/\n  hint: pass the address the site will be published at, such as --base-url https://example.org/top10/\n')
      for (const output of await renderPdfs(languages, pdfDir, chrome, {pdfTimeout: options.pdfTimeout, sourceDateEpoch: epoch, summary: summarySheet(before.site, baseUrl)}, io)) {
        const bytes = await readFile(join(pdfDir, output.file))
        pdfs.set(output.file, {file: output.file, bytes})
        files.set(output.file, bytes)
      }
      const epubs = new Map<string, {file: string; bytes: Uint8Array}>()
      const epubDir = join(staging, 'epub')
      await mkdir(epubDir, {recursive: true})
      for (const output of await buildEpubs(languages, epubDir, {sourceDateEpoch: epoch}, io)) {
        epubs.set(output.file, output)
        files.set(output.file, output.bytes)
      }
      const exports = dataExports(languages)
      const data = new Map<string, string>([['data/edition.schema.json', exports.schema]])
      for (const file of exports.files) {
        data.set(`data/${file.name}`, file.text)
        files.set(file.name, file.text)
      }
      files.set('edition.schema.json', exports.schema)
      const siteDir = join(staging, 'site')
      await buildSite({languages, outDir: siteDir, baseUrl, pdfs, epubs, files: data, repository: before.site.repository})
      files.set(`site-${options.edition}-${options.version}.tar.gz`, archive(siteDir, epoch))
    } finally {
      await chrome.then((launched) => launched.close(), () => undefined)
    }
    const sums = [...files.keys()].sort().map((name) => `${createHash('sha256').update(files.get(name)!).digest('hex')}  ${name}`)
    files.set('SHA256SUMS', `${sums.join('\n')}\n`)
    const notes = releaseNotes(record)

    if (options.dryRun) {
      io.stdout.write(`release ${options.edition} ${options.version} (dry run, nothing written):\n${notes}\n${sums.join('\n')}\n`)
      return exitCodes.ok
    }
    const assembled = join(staging, 'release')
    await mkdir(assembled, {recursive: true})
    for (const [name, content] of files) await writeFile(join(assembled, name), content)
    await mkdir(releases, {recursive: true})
    // Everything is written beside its destination first, so the last step is renames only.
    const pending = [
      {from: `${manifestPath}.tmp-${process.pid}`, to: manifestPath, text: texts.manifest},
      {from: `${recordsPath}.tmp-${process.pid}`, to: recordsPath, text: texts.releases}
    ]
    try {
      for (const {from, text} of pending) await writeFile(from, text)
      // Synchronous renames: no signal handler runs between them, so they happen all or none.
      renameSync(assembled, target)
      for (const {from, to} of pending) renameSync(from, to)
    } finally {
      for (const {from} of pending) await rm(from, {force: true})
    }
    io.stdout.write(`release ${options.edition} ${options.version} written to ${relative(io.cwd, target)}:\n${notes}\n${sums.join('\n')}\nrecorded in ${relative(io.cwd, manifestPath)} and ${relative(io.cwd, recordsPath)}: commit them with the release (git add ${relative(io.cwd, editionDir)} && git commit)\n`)
    return exitCodes.ok
  } finally {
    await rm(staging, {recursive: true, force: true})
  }
}

function gitStatus(dir: string): string {
  try {
    return execFileSync('git', ['status', '--porcelain'], {cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe']}).trim()
  } catch {
    throw new MlTop10Error('The content is not in a git repository', 'Release from a clone of the repository, or pass --allow-dirty')
  }
}

interface Loaded {
  readonly edition: Edition
  readonly locales: readonly Locale[]
  readonly site: Awaited<ReturnType<typeof loadEditions>>['site']
}

async function loadAll(contentDir: string, options: ReleaseOptions, io: CliIo): Promise<Loaded> {
  const quiet: CliIo = {...io, stdout: {write: () => true}}
  const {editions, site, ok} = await loadEditions(join(contentDir, 'editions', options.edition), quiet)
  const edition = editions[0]
  if (!ok || !edition) throw new MlTop10Error('The edition has problems (listed above); nothing was released', 'pnpm check shows the same problems', exitCodes.contentErrors)
  const {locales, ok: localesOk} = await loadLocalesFor(undefined, contentDir, [edition], quiet)
  if (!localesOk) throw new MlTop10Error('A locale has problems (listed above); nothing was released', 'pnpm check shows the same problems', exitCodes.contentErrors)
  return {edition, locales, site}
}

/** The release record in English, as the changelog page shows it. */
function releaseNotes(record: ReleaseRecord): string {
  const {t} = createTranslator()
  const lines = record.changes.map((change) => {
    const {text, pages} = describeChange(change, t)
    return `- ${pages ? `${text} ${pages.join(', ')}` : text}`
  })
  return [t('changelog.release', {version: record.version, date: record.date}), ...lines, ''].join('\n')
}

/** A tar.gz of a folder that is the same bytes for the same files: sorted names, fixed times and owners, no gzip timestamp. */
function archive(dir: string, epoch: number): Uint8Array {
  const tar = execFileSync('tar', ['--sort=name', `--mtime=@${epoch}`, '--owner=0', '--group=0', '--numeric-owner', '--mode=u+rw,go+r,go-w', '--format=gnu', '-C', dir, '-cf', '-', '.'], {maxBuffer: 1024 * 1024 * 1024, env: {...process.env, LC_ALL: 'C', TZ: 'UTC'}})
  return execFileSync('gzip', ['-n', '-9'], {input: tar, maxBuffer: 1024 * 1024 * 1024})
}
