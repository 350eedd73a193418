import {existsSync} from 'node:fs'
import {join} from 'node:path'
import {isSeq, parseDocument} from 'yaml'
import {z} from 'zod'
import {loadDataFile} from './load-data-file.js'
import {report} from './problem.js'
import {scoreFactors} from './scores.js'
import type {ManifestData} from './schema.js'
import type {Edition} from './types.js'
import {compareVersions, semverPattern} from './versions.js'

/** File of an edition's release records, beside `edition.yaml`. */
export const releasesFile = 'releases.yaml'

/** The page that shows the release records, above its own prose, in every language. */
export const changelogPage = 'changelog'

const riskId = z.string().regex(/^ML\d{2}$/)
const count = z.number().int().min(0)
const score = z.number().int().min(1).max(5)

/** One change of a release, as data: pages render it through UI strings, so translations never go stale over it. */
export const releaseChangeSchema = z.discriminatedUnion('type', [
  z.strictObject({type: z.literal('first'), edition: z.string().min(1), risks: count, pages: count}),
  z.strictObject({type: z.literal('added'), risk: riskId, title: z.string().min(1)}),
  z.strictObject({type: z.literal('removed'), risk: riskId, title: z.string().min(1)}),
  z.strictObject({type: z.literal('renamed'), risk: riskId, from: z.string().min(1), to: z.string().min(1)}),
  z.strictObject({type: z.literal('rescored'), risk: riskId, factor: z.enum(scoreFactors as [string, ...string[]]), from: score, to: score}),
  z.strictObject({type: z.literal('pages'), pages: z.array(z.string().min(1)).min(1)}),
  z.strictObject({type: z.literal('locale'), locale: z.string().min(1), translated: count, total: count}),
  z.strictObject({type: z.literal('outdated'), pages: z.array(z.string().min(1)).min(1)})
])

/** What the next release compares with: each risk's title and scores, each page's hash. */
const snapshotSchema = z.strictObject({
  risks: z.record(riskId, z.strictObject({title: z.string().min(1), scores: z.record(z.string(), score)})),
  pages: z.record(z.string(), z.string().regex(/^[\da-f]{64}$/))
})

/** `releases.yaml`: every release of the edition, newest first. */
export const releasesSchema = z.array(
  z.strictObject({
    version: z.string().regex(semverPattern, {message: 'must be a semantic version such as 1.0.0'}),
    date: z.string().regex(/^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$/, {message: 'must be a date YYYY-MM-DD'}),
    changes: z.array(releaseChangeSchema),
    snapshot: snapshotSchema
  })
)

export type ReleaseChange = z.output<typeof releaseChangeSchema>
export type ReleaseRecord = z.output<typeof releasesSchema>[number]

/**
 * Reads an edition's release records, when it has any, and checks them: newest
 * first, each version once, and the newest being the manifest's version (a
 * release records both; a hand edit of one alone is caught here).
 *
 * @param dir The edition folder.
 * @param manifest Its manifest, when valid.
 */
export async function loadReleases(dir: string, manifest: ManifestData | undefined): Promise<{file: import('vfile').VFile | undefined; releases: readonly ReleaseRecord[]}> {
  const path = join(dir, releasesFile)
  if (!existsSync(path)) return {file: undefined, releases: []}
  const {file, data, locate} = await loadDataFile(path, releasesSchema)
  if (!data) return {file, releases: []}
  data.forEach((release, index) => {
    const next = data[index + 1]
    if (next && compareVersions(release.version, next.version) <= 0) {
      report(file, `Release ${release.version} is listed before the older or equal ${next.version}`, locate([index, 'version']), 'release-order', 'List releases newest first, each version once: pnpm release writes this file')
    }
  })
  const newest = data[0]
  if (newest && manifest && (newest.version !== manifest.version || newest.date !== manifest.released)) {
    report(file, `The newest release is ${newest.version} of ${newest.date}, but edition.yaml says ${manifest.version} of ${manifest.released}`, locate([0, 'version']), 'release-manifest', 'Both are written by pnpm release: restore them from git (git checkout -- edition.yaml releases.yaml)')
  }
  return {file, releases: data}
}

/**
 * The changes of a release against the previous one's snapshot, and the new
 * snapshot: risks added, removed, renamed and rescored, pages changed, and each
 * locale's coverage.
 *
 * @param edition The English edition as released.
 * @param previous The previous release, if any.
 * @param locales Coverage per locale.
 * @param outdated Translated pages released while outdated, as `locale/page`.
 */
export function recordRelease(edition: Edition, version: string, date: string, previous: ReleaseRecord | undefined, locales: readonly {locale: string; translated: number; total: number}[], outdated: readonly string[]): ReleaseRecord {
  const snapshot = {
    risks: Object.fromEntries(edition.risks.map((risk) => [risk.id, {title: risk.title, scores: Object.fromEntries(scoreFactors.map((factor) => [factor, risk.scores[factor]]))}])),
    pages: Object.fromEntries(edition.documents.map((document) => [document.name, document.hash]))
  }
  const changes: ReleaseChange[] = []
  if (!previous) {
    changes.push({type: 'first', edition: edition.manifest.edition, risks: edition.risks.length, pages: edition.documents.length})
  } else {
    const before = previous.snapshot
    for (const risk of edition.risks) {
      const old = before.risks[risk.id]
      if (!old) {
        changes.push({type: 'added', risk: risk.id, title: risk.title})
        continue
      }
      if (old.title !== risk.title) changes.push({type: 'renamed', risk: risk.id, from: old.title, to: risk.title})
      for (const factor of scoreFactors) {
        const was = old.scores[factor]
        if (was !== undefined && was !== risk.scores[factor]) changes.push({type: 'rescored', risk: risk.id, factor, from: was, to: risk.scores[factor]})
      }
    }
    for (const [id, old] of Object.entries(before.risks)) if (!snapshot.risks[id]) changes.push({type: 'removed', risk: id, title: old.title})
    const changed = edition.documents.filter((document) => document.name !== changelogPage && before.pages[document.name] !== document.hash).map((document) => document.name)
    if (changed.length > 0) changes.push({type: 'pages', pages: changed})
  }
  for (const locale of locales) changes.push({type: 'locale', ...locale})
  if (outdated.length > 0) changes.push({type: 'outdated', pages: [...outdated]})
  return {version, date, changes, snapshot}
}

/**
 * The new texts of `edition.yaml` and `releases.yaml` after a release: the
 * manifest's version and date set (its comments and layout kept), the record
 * added on top.
 *
 * @param manifestText `edition.yaml` as it is.
 * @param releasesText `releases.yaml` as it is, when it exists.
 * @param record The new release.
 */
export function releaseTexts(manifestText: string, releasesText: string | undefined, record: ReleaseRecord): {manifest: string; releases: string} {
  const manifest = parseDocument(manifestText)
  manifest.set('version', record.version)
  manifest.set('released', record.date)
  const header = '# Releases of this edition, newest first, written by `pnpm release`: do not edit by hand.\n# The changelog page shows them in every language; its prose is in changelog.md.\n'
  const releases = releasesText === undefined ? parseDocument('[]') : parseDocument(releasesText)
  const list = releases.contents
  if (!isSeq(list)) throw new TypeError('releases.yaml must hold a list')
  list.flow = false
  list.items.unshift(releases.createNode(record) as never)
  const text = releases.toString({lineWidth: 0})
  return {manifest: manifest.toString({lineWidth: 0}), releases: releasesText === undefined ? `${header}${text}` : text}
}
