import {existsSync} from 'node:fs'
import {join} from 'node:path'
import type {VFile} from 'vfile'
import {countErrors} from './problem.js'
import {siteConfigSchema} from './schema.js'
import {readSource} from './source.js'
import type {SiteConfig} from './types.js'
import {parseYamlData} from './yaml-data.js'

/**
 * Reads the optional site configuration `site.yaml` of a content folder. A
 * missing file is an empty configuration; a malformed one is reported with
 * positions like any content problem.
 *
 * @param contentDir The content folder (the one holding `editions/`).
 */
export async function loadSiteConfig(contentDir: string): Promise<{config: SiteConfig | undefined; files: readonly VFile[]; errorCount: number}> {
  const path = join(contentDir, 'site.yaml')
  if (!existsSync(path)) return {config: {}, files: [], errorCount: 0}
  const source = await readSource(path, {root: contentDir})
  const data = source.text === undefined ? undefined : parseYamlData(source.text, siteConfigSchema, {file: source.file, line: 1, start: {line: 1, column: 1}}).data
  const errorCount = countErrors([source.file])
  return {config: errorCount === 0 ? ((data ?? {}) as SiteConfig) : undefined, files: [source.file], errorCount}
}
