import {existsSync} from 'node:fs'
import {mkdir, readdir, rename, rm, stat, writeFile} from 'node:fs/promises'
import {basename, dirname, join} from 'node:path'

/**
 * The name of a work file beside `path`: `<path>.tmp-<pid>` while it is written,
 * `<path>.old-<pid>` for the output it replaces. The pid says whose it is, so a
 * later run can tell a dead process's leftovers from a running build's.
 */
function workName(path: string, kind: 'tmp' | 'old', pid: number = process.pid): string {
  return `${path}.${kind}-${pid}`
}

/** A work file left in `folder` by a process that is no longer running. */
interface StaleWork {
  readonly path: string
  /** What `path` would have become. */
  readonly target: string
  readonly kind: 'tmp' | 'old'
}

/**
 * Work files in a folder whose process is gone: `<name>.tmp-<pid>` and
 * `<name>.old-<pid>`, optionally only those for one name.
 *
 * @param folder The folder to look in.
 * @param name Only work files of this entry (a site folder's siblings); all when absent (a PDF or EPUB folder).
 */
export async function findStaleWork(folder: string, name?: string): Promise<StaleWork[]> {
  let entries: string[]
  try {
    entries = await readdir(folder)
  } catch {
    return []
  }
  const stale: StaleWork[] = []
  for (const entry of entries) {
    const match = /^(.+)\.(tmp|old)-(\d+)$/.exec(entry)
    if (!match || (name !== undefined && match[1] !== name) || isRunning(Number(match[3]))) continue
    stale.push({path: join(folder, entry), target: join(folder, match[1]!), kind: match[2] as 'tmp' | 'old'})
  }
  return stale
}

/** Whether a process with this id exists (EPERM: it does, but belongs to another user). */
function isRunning(pid: number): boolean {
  if (pid === process.pid) return true
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Repairs what a killed `writeFolderAtomically` left: when the output folder is
 * missing but the previous one was moved aside, it is put back (so a site is
 * always there), and every other work folder of a dead process is removed.
 * Work folders of running processes are left alone.
 *
 * @param outDir The output folder.
 */
export async function recoverInterruptedWrite(outDir: string): Promise<void> {
  const previous = await previousOutput(outDir)
  if (previous) await rename(previous, outDir)
  for (const work of await findStaleWork(dirname(outDir), basename(outDir))) await rm(work.path, {recursive: true, force: true})
}

/**
 * The output a killed build moved aside (`<outDir>.old-<pid>` of a dead
 * process, the newest if several) when `outDir` itself is missing.
 *
 * @param outDir The output folder.
 */
export async function previousOutput(outDir: string): Promise<string | undefined> {
  if (existsSync(outDir)) return undefined
  const stale = await findStaleWork(dirname(outDir), basename(outDir))
  return newest(stale.filter((work) => work.kind === 'old').map((work) => work.path))
}

/** The most recently modified of some paths. */
async function newest(paths: readonly string[]): Promise<string | undefined> {
  const times = await Promise.all(paths.map(async (path) => ({path, time: (await stat(path)).mtimeMs})))
  return times.sort((a, b) => b.time - a.time)[0]?.path
}

/**
 * Creates a folder and its missing parents. Unlike `mkdir(path, {recursive: true})`,
 * which in Node 20 reports a read-only or forbidden parent as ENOENT, this fails
 * with the real cause (EROFS, EACCES, ENOSPC), so the user is told what to fix.
 *
 * @param path The folder to create; an existing one is fine.
 */
export async function makeFolder(path: string): Promise<void> {
  try {
    await mkdir(path)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'EEXIST') return
    if (code !== 'ENOENT' || dirname(path) === path) throw error
    await makeFolder(dirname(path))
    await mkdir(path).catch((again: NodeJS.ErrnoException) => {
      if (again.code !== 'EEXIST') throw again
    })
  }
}

/**
 * Writes one file so that readers only ever see the old or the new content: it
 * is written beside its target as `<path>.tmp-<pid>` (the work name that
 * `findStaleWork` recognises after a crash) and renamed over it.
 *
 * @param path The file to replace.
 * @param content Its new content.
 */
export async function writeFileAtomically(path: string, content: string | Uint8Array): Promise<void> {
  const temporary = workName(path, 'tmp')
  try {
    await writeFile(temporary, content)
    await rename(temporary, path)
  } catch (error) {
    await rm(temporary, {force: true})
    throw error
  }
}

/**
 * Writes a folder of files so that readers only ever see the old or the new
 * folder: everything goes into a temporary sibling, which then replaces the
 * target in two renames. On failure the temporary folder is removed and the
 * previous output stays in place; a process killed part way is repaired by the
 * next call (see `recoverInterruptedWrite`).
 *
 * @param outDir The folder to replace.
 * @param files Contents by relative path, written in sorted order.
 */
export async function writeFolderAtomically(outDir: string, files: ReadonlyMap<string, string | Uint8Array>): Promise<void> {
  await recoverInterruptedWrite(outDir)
  const temporary = workName(outDir, 'tmp')
  const previous = workName(outDir, 'old')
  await rm(temporary, {recursive: true, force: true})
  try {
    await makeFolder(temporary)
    const folders = new Set([...files.keys()].map((path) => dirname(join(temporary, path))))
    for (const folder of [...folders].sort()) await makeFolder(folder)
    await Promise.all([...files.keys()].sort().map((path) => writeFile(join(temporary, path), files.get(path)!)))
  } catch (error) {
    await rm(temporary, {recursive: true, force: true})
    // Name the output rather than a work file (or nothing: a failed write of a full disk has no path).
    const failure = error as NodeJS.ErrnoException
    if (failure.code !== undefined && (failure.path === undefined || failure.path.startsWith(temporary))) failure.path = outDir
    throw error
  }
  let moved = false
  try {
    try {
      await rename(outDir, previous)
      moved = true
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    }
    await rename(temporary, outDir)
  } catch (error) {
    // Put the previous site back and drop the new one, so a failed swap changes nothing.
    if (moved && !existsSync(outDir)) await rename(previous, outDir)
    await rm(temporary, {recursive: true, force: true})
    throw error
  }
  if (moved) await rm(previous, {recursive: true, force: true})
}

/**
 * Brings a folder written by `writeFolderAtomically` from one set of files to another in
 * place, for a server that rebuilds it often (the dev server): only files whose content
 * changed are written, each atomically, so a reader sees a file old or new but never half
 * written; files no longer in the set are removed. The folder as a whole is not swapped.
 *
 * @param outDir The folder, holding `before`.
 * @param before Contents by relative path, as the folder holds them.
 * @param after Contents by relative path, as it should hold them.
 * @returns The relative paths written or removed.
 */
export async function updateFolderInPlace(outDir: string, before: ReadonlyMap<string, string | Uint8Array>, after: ReadonlyMap<string, string | Uint8Array>): Promise<string[]> {
  const changed = [...after.keys()].filter((path) => !sameContent(before.get(path), after.get(path)!)).sort()
  const removed = [...before.keys()].filter((path) => !after.has(path)).sort()
  for (const folder of new Set(changed.map((path) => dirname(join(outDir, path))))) await makeFolder(folder)
  await Promise.all(changed.map((path) => writeFileAtomically(join(outDir, path), after.get(path)!)))
  await Promise.all(removed.map((path) => rm(join(outDir, path), {force: true})))
  return [...changed, ...removed]
}

function sameContent(a: string | Uint8Array | undefined, b: string | Uint8Array): boolean {
  if (a === b) return true
  if (a === undefined || typeof a === 'string' || typeof b === 'string') return false
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength))
}
