import {createHash} from 'node:crypto'
import {readFile} from 'node:fs/promises'
import {VFile} from 'vfile'
import {report} from './problem.js'

/** A source file read for parsing: normalised text, or `undefined` when unreadable. */
export interface Source {
  readonly file: VFile
  /** Text with any BOM removed and CRLF turned into LF; `undefined` if unusable. */
  readonly text: string | undefined
  /** SHA-256 (hex) of the normalised text. */
  readonly hash: string
}

const decoder = new TextDecoder('utf-8', {fatal: true})

/**
 * Reads a source file as UTF-8. A BOM and CRLF line endings are accepted
 * (neither changes a line or column); invalid UTF-8 and empty files are reported.
 *
 * @param path Absolute path of the file.
 */
export async function readSource(path: string): Promise<Source> {
  const bytes = await readFile(path)
  const file = new VFile({path})
  let text: string
  try {
    text = decoder.decode(bytes)
  } catch {
    report(file, 'File is not valid UTF-8 text', invalidUtf8Point(bytes), 'encoding', 'Save the file as UTF-8 (without another encoding such as Latin-1 or UTF-16)')
    return {file, text: undefined, hash: ''}
  }
  text = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n')
  file.value = text
  if (text.trim() === '') {
    report(file, 'File is empty', {line: 1, column: 1}, 'empty-file', 'Write the document, starting with its front matter, or remove it from the edition manifest')
    return {file, text: undefined, hash: ''}
  }
  return {file, text, hash: createHash('sha256').update(text).digest('hex')}
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
