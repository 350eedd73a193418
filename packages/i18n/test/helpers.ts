import {cp, mkdtemp} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {loadEdition, type Edition} from '@mltop10/core'

/** The valid English edition the core fixtures start from. */
const englishFixture = fileURLToPath(new URL('../../core/test/fixtures/_base/', import.meta.url))

/**
 * Loads a copy of the base English edition from a temporary folder, which is
 * added to `roots` for the caller to remove.
 *
 * @param roots Temporary folders of the test file.
 */
export async function loadEnglishFixture(roots: string[]): Promise<Edition> {
  const root = await mkdtemp(join(tmpdir(), 'mltop10-english-'))
  roots.push(root)
  await cp(englishFixture, join(root, '2023'), {recursive: true})
  return (await loadEdition(join(root, '2023'))).edition!
}
