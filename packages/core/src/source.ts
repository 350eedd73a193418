import {createHash} from 'node:crypto'
import {readFile, realpath, stat} from 'node:fs/promises'
import {isAbsolute, relative, sep} from 'node:path'
import {VFile} from 'vfile'
import {checkBidiControls} from './bidi.js'
import {report} from './problem.js'

/** A source file read for parsing: normalised text, or `undefined` when unreadable. */
export interface Source {
  readonly file: VFile
  /** Text with any BOM removed and CRLF turned into LF; `undefined` if unusable. */
  readonly text: string | undefined
  /** SHA-256 (hex) of the normalised text. */
  readonly hash: string
}

/** Options of `readSource`. */
export interface ReadSourceOptions {
  /** The folder the file must really be in: a symbolic link leading out of it is refused. */
  readonly root?: string | undefined
}

const decoder = new TextDecoder('utf-8', {fatal: true})

/**
 * The text a source file's hash and positions are taken from: without a BOM, with
 * LF line endings. A translation's `source:` is the hash of the English file's
 * normalised text, so every tool comparing versions normalises alike.
 *
 * @param text Decoded file content.
 */
export function normalizeSource(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n')
}

/**
 * SHA-256 (hex) of a source's normalised text, as translations record it.
 *
 * @param normalised Text from `normalizeSource`.
 */
export function hashSource(normalised: string): string {
  return createHash('sha256').update(normalised).digest('hex')
}

/**
 * Reads a source file as UTF-8. A BOM and CRLF line endings are accepted
 * (neither changes a line or column); invalid UTF-8, empty files, bidirectional
 * control characters, files that are not regular files and symbolic links out of
 * `root` are reported.
 *
 * @param path Absolute path of the file.
 * @param options The folder the file must stay in.
 */
export async function readSource(path: string, options: ReadSourceOptions = {}): Promise<Source> {
  const file = new VFile({path})
  const unusable = {file, text: undefined, hash: ''}
  if (options.root !== undefined && !(await checkInside(path, options.root, file))) return unusable
  // A FIFO or a device (a link to /dev/zero) would block or never end: read regular files only.
  const stats = await stat(path).catch(() => undefined)
  if (!stats?.isFile()) {
    report(file, stats ? 'Not a regular file' : 'File cannot be read: it is a broken symbolic link', {line: 1, column: 1}, 'file-kind', 'Replace it with an ordinary text file, or remove it')
    return unusable
  }
  const bytes = await readFile(path)
  let text: string
  try {
    text = decoder.decode(bytes)
  } catch {
    report(file, 'File is not valid UTF-8 text', invalidUtf8Point(bytes), 'encoding', 'Save the file as UTF-8 (without another encoding such as Latin-1 or UTF-16)')
    return unusable
  }
  text = normalizeSource(text)
  file.value = text
  if (text.trim() === '') {
    report(file, 'File is empty', {line: 1, column: 1}, 'empty-file', 'Write the document, starting with its front matter, or remove it from the edition manifest')
    return unusable
  }
  checkBidiControls(text, file)
  return {file, text, hash: hashSource(text)}
}

/**
 * Checks that a file really is inside a folder once symbolic links are followed,
 * so that a link cannot publish a file from elsewhere on the machine.
 *
 * @param path Path of the file, inside `root` as listed.
 * @param root The folder it must stay in.
 * @returns A file carrying the error when the path leads out of `root`, else `undefined`.
 */
export async function checkInsideTree(path: string, root: string): Promise<VFile | undefined> {
  const file = new VFile({path})
  return (await checkInside(path, root, file)) ? undefined : file
}

async function checkInside(path: string, root: string, file: VFile): Promise<boolean> {
  const [real, realRoot] = await Promise.all([realpath(path).catch(() => undefined), realpath(root).catch(() => root)])
  // A broken link is reported when the file is read.
  if (real === undefined) return true
  const inside = relative(realRoot, real)
  if (inside !== '' && inside !== '..' && !inside.startsWith(`..${sep}`) && !isAbsolute(inside)) return true
  report(file, 'Symbolic link leads outside the folder it is in', {line: 1, column: 1}, 'symlink-outside', 'Copy the file here instead of linking to it: only files inside the content and locales folders are published')
  return false
}

/** Line and column of the first byte that is not valid UTF-8. */
function invalidUtf8Point(bytes: Uint8Array): {line: number; column: number} {
  let low = 0
  let high = bytes.length
  // The longest valid prefix: binary search on decodability, then count lines in it.
  while (low < high) {
    const middle = Math.ceil((low + high) / 2)
    if (decodes(bytes.subarray(0, middle))) low = middle
    else high = middle - 1
  }
  const prefix = new TextDecoder('utf-8').decode(bytes.subarray(0, low))
  const lines = prefix.split(/\r\n|\r|\n/)
  return {line: lines.length, column: (lines.at(-1)?.length ?? 0) + 1}
}

function decodes(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', {fatal: true}).decode(bytes, {stream: true})
    return true
  } catch {
    return false
  }
}
