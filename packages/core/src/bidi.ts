import type {VFile} from 'vfile'
import {report} from './problem.js'

/**
 * The embedding, override and isolate controls (U+202A-U+202E, U+2066-U+2069):
 * they reorder how text is shown, so a reviewer reads something other than what is
 * published ("Trojan Source"). The marks RLM and LRM (U+200F, U+200E) only set the
 * direction of neutral characters, which right-to-left translations need: allowed.
 */
const bidiControls = /[\u202A-\u202E\u2066-\u2069]/g
const anyBidiControl = /[\u202A-\u202E\u2066-\u2069]/

const names: Readonly<Record<string, string>> = {
  '\u202A': 'LEFT-TO-RIGHT EMBEDDING',
  '\u202B': 'RIGHT-TO-LEFT EMBEDDING',
  '\u202C': 'POP DIRECTIONAL FORMATTING',
  '\u202D': 'LEFT-TO-RIGHT OVERRIDE',
  '\u202E': 'RIGHT-TO-LEFT OVERRIDE',
  '\u2066': 'LEFT-TO-RIGHT ISOLATE',
  '\u2067': 'RIGHT-TO-LEFT ISOLATE',
  '\u2068': 'FIRST STRONG ISOLATE',
  '\u2069': 'POP DIRECTIONAL ISOLATE'
}

/** One message per line at most, and no more than this many per file: a hostile file must not flood the report. */
const maxReported = 10

/**
 * Reports every bidirectional embedding, override or isolate control in a text
 * with its line and column. One scan of the text; nothing to do when there is none.
 *
 * @param text Normalised text of the file.
 * @param file The file to report on.
 */
export function checkBidiControls(text: string, file: VFile): void {
  if (!anyBidiControl.test(text)) return
  let line = 1
  let lineStart = 0
  let scanned = 0
  let lastLine = 0
  let reported = 0
  for (const match of text.matchAll(bidiControls)) {
    for (let index = text.indexOf('\n', scanned); index !== -1 && index < match.index; index = text.indexOf('\n', index + 1)) {
      line++
      lineStart = index + 1
    }
    scanned = match.index
    if (line === lastLine) continue
    lastLine = line
    if (reported++ === maxReported) {
      report(file, 'More bidirectional control characters from here on (not listed one by one)', {line, column: match.index - lineStart + 1}, 'bidi-control', 'Remove them all; search the file for U+202A-U+202E and U+2066-U+2069')
      return
    }
    const code = match[0].codePointAt(0)!.toString(16).toUpperCase()
    report(file, `Bidirectional control character U+${code} (${names[match[0]]}) changes how the text is displayed`, {line, column: match.index - lineStart + 1}, 'bidi-control', 'Remove it: it can make text read differently from what is published. Right-to-left text needs at most the marks RLM (U+200F) and LRM (U+200E)')
  }
}
