import {mkdir, rename, rm, writeFile} from 'node:fs/promises'
import {dirname, join} from 'node:path'

/**
 * Writes a folder of files so that readers only ever see the old or the new
 * folder: everything goes into a temporary sibling, which then replaces the
 * target in two renames. On failure the temporary folder is removed and the
 * previous output stays in place.
 *
 * @param outDir The folder to replace.
 * @param files Contents by relative path, written in sorted order.
 */
export async function writeFolderAtomically(outDir: string, files: ReadonlyMap<string, string | Uint8Array>): Promise<void> {
  const temporary = `${outDir}.tmp-${process.pid}`
  const previous = `${outDir}.old-${process.pid}`
  await rm(temporary, {recursive: true, force: true})
  try {
    const folders = new Set([...files.keys()].map((path) => dirname(join(temporary, path))))
    for (const folder of [...folders].sort()) await mkdir(folder, {recursive: true})
    await Promise.all([...files.keys()].sort().map((path) => writeFile(join(temporary, path), files.get(path)!)))
  } catch (error) {
    await rm(temporary, {recursive: true, force: true})
    throw error
  }
  await mkdir(dirname(outDir), {recursive: true})
  let moved = false
  try {
    await rename(outDir, previous)
    moved = true
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
  await rename(temporary, outDir)
  if (moved) await rm(previous, {recursive: true, force: true})
}
