import {existsSync} from 'node:fs'
import {readdir, realpath, rm, rmdir, stat, writeFile} from 'node:fs/promises'
import {homedir} from 'node:os'
import {basename, dirname, isAbsolute, join, relative, sep} from 'node:path'
import {MlTop10Error} from '@mltop10/core'
import {findStaleWork, makeFolder, previousOutput, recoverInterruptedWrite} from './write-atomic.js'

/** The file that marks a folder as written by mltop10, and so safe to replace. */
export const outputMarkerName = '.mltop10-output'

/** What an output folder holds. */
export type OutputKind = 'site' | 'dev' | 'pdf' | 'epub'

/**
 * The marker file's text: a short JSON note for whoever finds the folder.
 *
 * @param kind What the folder holds.
 */
export function outputMarker(kind: OutputKind): string {
  return `${JSON.stringify({writtenBy: 'mltop10', output: kind, note: 'mltop10 replaces this folder on every build: keep nothing else here'}, null, 2)}\n`
}

/** An output folder of a command. */
export interface OutputFolder {
  /** The folder, absolute. */
  readonly dir: string
  /** The option that named it, for messages (`--out`, `--pdf-out`). */
  readonly option: string
  readonly kind: OutputKind
}

/** What output folders must leave alone, and where paths are shown from. */
export interface OutputGuard {
  /** Folder that paths in messages are shown relative to. */
  readonly cwd: string
  /** The content folder (or the folder given for it): an output may neither be nor contain it. */
  readonly content: string
  /** The locales folder, protected likewise. */
  readonly locales: string
}


/**
 * Checks, before any work, that a command's output folders may be replaced, and
 * repairs what a killed build left. Each folder must be missing, empty, or carry
 * the marker of an earlier build (`.mltop10-output`); a folder directly under a
 * `dist/` folder of a repository is build output by this repository's convention
 * (gitignored, declared as turbo outputs) and is accepted without the marker, so
 * outputs of builds from before the marker, or restored by turbo, still work. A
 * folder may never be, contain or sit above a repository root, be inside a `.git`
 * folder, be or contain the content or locales folder or the home folder, or
 * overlap another output folder. Nothing is touched when one is refused.
 *
 * @param folders The output folders, with the options that named them.
 * @param guard The folders to protect and the working folder.
 * @throws {MlTop10Error} Naming the folder and what to do (exit code 2).
 */
export async function prepareOutputFolders(folders: readonly OutputFolder[], guard: OutputGuard): Promise<void> {
  for (const folder of folders) await checkFolder(folder, guard)
  for (const [index, folder] of folders.entries()) {
    for (const other of folders.slice(index + 1)) {
      if (folder.dir === other.dir || isInside(folder.dir, other.dir) || isInside(other.dir, folder.dir)) {
        throw new MlTop10Error(`The output folders ${folder.option} ${showPath(folder.dir, guard.cwd)} and ${other.option} ${showPath(other.dir, guard.cwd)} overlap`, 'Pass separate folders, such as dist/site and dist/pdf')
      }
    }
  }
  for (const folder of folders) {
    await recoverInterruptedWrite(folder.dir)
    if (folder.kind === 'pdf' || folder.kind === 'epub') for (const work of await findStaleWork(folder.dir)) await rm(work.path, {recursive: true, force: true})
  }
}

/** Refuses a folder that may not be replaced (see `prepareOutputFolders`). */
async function checkFolder(folder: OutputFolder, guard: OutputGuard): Promise<void> {
  const refuse = (why: string, what = `mltop10 replaces its output folder on every build: pass a folder of its own, such as dist/${folder.kind}`) => new MlTop10Error(`Refusing to write to ${showPath(folder.dir, guard.cwd)} (${folder.option}): ${why}`, what)
  const dir = await realPathOf(folder.dir)
  if (dir.split(sep).includes('.git')) throw refuse('it is or is inside a .git folder')
  const protectedDirs = [
    ...[guard.cwd, folder.dir, guard.content, guard.locales].flatMap((path) => repositoryRoot(path) ?? []).map((root) => ({path: root, name: 'the repository root'})),
    {path: guard.content, name: 'the content folder'},
    {path: guard.locales, name: 'the locales folder'},
    {path: homedir(), name: 'your home folder'}
  ]
  for (const {path, name} of protectedDirs) {
    const real = await realPathOf(path)
    if (real === dir) throw refuse(`it is ${name}`)
    if (isInside(real, dir)) throw refuse(`it contains ${name} (${showPath(path, guard.cwd)})`)
  }
  const existing = nearestExisting(dir)
  if (!(await stat(existing)).isDirectory()) throw refuse(existing === dir ? 'it is a file, not a folder' : `${showPath(existing, guard.cwd)} is a file, not a folder`, 'Pass the path of a folder (it is created when missing)')
  // A folder moved aside by a killed build counts as the output it was.
  const entries = existsSync(dir) ? await readdir(dir) : await previousEntries(dir)
  if (entries.length === 0 || entries.includes(outputMarkerName) || isDistOutput(dir)) return
  throw refuse(`it holds files that mltop10 did not write (it has no ${outputMarkerName} file)`, 'mltop10 replaces only folders it created or empty ones: pass a new folder, or empty this one yourself if nothing in it must be kept')
}

/**
 * Fills an output folder file by file (the PDFs, the EPUBs): creates it and writes its
 * marker first, so that a build killed part way still leaves a folder the next
 * build may replace; when filling fails before anything was written into a folder
 * this call created, the folder is removed again, so nothing is left behind.
 *
 * @param dir The output folder.
 * @param kind What it holds.
 * @param fill Writes the files.
 */
export async function fillOutputFolder<T>(dir: string, kind: OutputKind, fill: () => Promise<T>): Promise<T> {
  const existing = nearestExisting(dir)
  await makeFolder(dir)
  if (!existsSync(join(dir, outputMarkerName))) await writeFile(join(dir, outputMarkerName), outputMarker(kind))
  try {
    return await fill()
  } catch (error) {
    if (existing !== dir && (await readdir(dir)).every((entry) => entry === outputMarkerName)) {
      await rm(dir, {recursive: true, force: true})
      // The parents this call created go too, as long as nothing else was put in them.
      for (let parent = dirname(dir); parent !== existing && (await readdir(parent)).length === 0; parent = dirname(parent)) await rmdir(parent)
    }
    throw error
  }
}

/** The entries of the folder a killed build moved aside, which recovery will put back; none when there is none. */
async function previousEntries(dir: string): Promise<string[]> {
  const previous = await previousOutput(dir)
  return previous ? readdir(previous) : []
}

/** Whether a folder sits directly in a `dist/` folder inside a repository. */
function isDistOutput(dir: string): boolean {
  const root = repositoryRoot(dir)
  return root !== undefined && basename(dirname(dir)) === 'dist' && isInside(dirname(dir), root)
}

/** The nearest folder at or above `path` that holds `.git` (a folder, or a file in a worktree). */
function repositoryRoot(path: string): string | undefined {
  for (let folder = path; ; folder = dirname(folder)) {
    if (existsSync(join(folder, '.git'))) return folder
    if (dirname(folder) === folder) return undefined
  }
}

/** Whether `child` is strictly inside `parent`. */
function isInside(child: string, parent: string): boolean {
  const path = relative(parent, child)
  return path !== '' && !isAbsolute(path) && path.split(sep)[0] !== '..'
}

/** The path itself or its nearest ancestor that exists. */
function nearestExisting(path: string): string {
  let folder = path
  while (!existsSync(folder) && dirname(folder) !== folder) folder = dirname(folder)
  return folder
}

/** The real path (symbolic links resolved) of a path that may not exist yet. */
async function realPathOf(path: string): Promise<string> {
  const existing = nearestExisting(path)
  return join(await realpath(existing), relative(existing, path))
}

/** A path as the user would type it: relative to the working folder when inside it. */
function showPath(path: string, cwd: string): string {
  if (path === cwd) return '.'
  return isInside(path, cwd) ? relative(cwd, path) : path
}
