import {existsSync} from 'node:fs'
import {readdir} from 'node:fs/promises'
import {dirname, join, resolve} from 'node:path'
import {formatReport, loadEdition, loadSiteConfig, MlTop10Error, type Edition, type LoadCache, type SiteConfig} from '@mltop10/core'
import type {CliIo} from '../run-cli.js'

/** Editions loaded for a command: all of them valid, or the problems already printed. */
export interface LoadedEditions {
  readonly editions: readonly Edition[]
  /** The content folder (holding `editions/`). */
  readonly contentDir: string
  /** Settings from the content folder's `site.yaml` (empty when there is none). */
  readonly site: SiteConfig
  readonly ok: boolean
}

/**
 * Loads and validates every edition under a folder, printing each problem with
 * its position and one summary line per edition.
 *
 * @param dir A content folder (with `editions/`), an editions folder, or one edition folder.
 * @param io Output streams and working folder.
 * @param cache Documents of earlier loads (the dev server), reused for unchanged files.
 */
export async function loadEditions(dir: string, io: CliIo, cache?: LoadCache): Promise<LoadedEditions> {
  const editions: Edition[] = []
  const editionDirs = await findEditions(resolve(io.cwd, dir))
  // site.yaml sits in the content folder, beside editions/.
  const contentDir = dirname(dirname(editionDirs[0]!))
  const siteConfig = await loadSiteConfig(contentDir)
  const siteReport = formatReport(siteConfig.files, {cwd: io.cwd})
  if (siteReport) io.stderr.write(`${siteReport}\n`)
  let ok = siteConfig.errorCount === 0
  for (const editionDir of editionDirs) {
    const result = await loadEdition(editionDir, {cache})
    const report = formatReport(result.files, {cwd: io.cwd})
    if (report) io.stderr.write(`${report}\n`)
    const name = editionDir.split(/[\\/]/).at(-1)
    if (result.edition) {
      const {documents, risks, glossary} = result.edition
      io.stdout.write(`edition ${name}: ${documents.length} documents, ${risks.length} risks, ${glossary.terms.length} glossary terms, 0 problems\n`)
      editions.push(result.edition)
    } else {
      ok = false
      const files = result.files.filter((file) => file.messages.some((message) => message.fatal)).length
      io.stderr.write(`edition ${name}: ${result.errorCount} ${result.errorCount === 1 ? 'problem' : 'problems'} in ${files} ${files === 1 ? 'file' : 'files'}\n`)
    }
  }
  editions.sort((a, b) => a.manifest.released.localeCompare(b.manifest.released))
  return {editions, contentDir, site: siteConfig.config ?? {}, ok}
}

/** The edition folders a path names: itself, or the folders under its `editions/`. */
async function findEditions(path: string): Promise<string[]> {
  if (existsSync(join(path, 'edition.yaml'))) return [path]
  for (const editionsDir of [join(path, 'editions'), join(path, 'content', 'editions'), path]) {
    if (!existsSync(editionsDir)) continue
    const entries = await readdir(editionsDir, {withFileTypes: true})
    const found = entries.filter((entry) => entry.isDirectory() && existsSync(join(editionsDir, entry.name, 'edition.yaml'))).map((entry) => join(editionsDir, entry.name)).sort()
    if (found.length > 0) return found
  }
  throw new MlTop10Error(`No edition found in ${path}`, 'Pass an edition folder (holding edition.yaml), or a content folder with editions/<edition>/edition.yaml')
}
