import {cp, mkdtemp, readdir} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'

/** Folder of the fixtures: `_base` is a valid edition, every other folder a case. */
export const fixturesDir = fileURLToPath(new URL('fixtures/', import.meta.url))

/** The case folders, discovered automatically. */
export async function listCases(): Promise<string[]> {
  const entries = await readdir(fixturesDir, {withFileTypes: true})
  return entries.filter((entry) => entry.isDirectory() && !entry.name.startsWith('_')).map((entry) => entry.name).sort()
}

/**
 * Builds an edition for a case in a temporary folder: the valid base edition,
 * with the case's files laid over it (`expected.txt` excluded).
 *
 * @param name Case folder name, or `undefined` for the base edition alone.
 * @returns The temporary root and the edition folder inside it (`<root>/2023`).
 */
export async function prepareEdition(name?: string): Promise<{root: string; editionDir: string}> {
  const root = await mkdtemp(join(tmpdir(), 'mltop10-core-'))
  const editionDir = join(root, '2023')
  await cp(join(fixturesDir, '_base'), editionDir, {recursive: true})
  if (name) {
    await cp(join(fixturesDir, name), editionDir, {recursive: true, filter: (source) => !source.endsWith('expected.txt')})
  }
  return {root, editionDir}
}
