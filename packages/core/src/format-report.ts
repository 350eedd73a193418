import {relative} from 'node:path'
import type {VFile} from 'vfile'
import type {VFileMessage} from 'vfile-message'

/** Options of `formatReport`. */
export interface FormatReportOptions {
  /** Paths are printed relative to this folder. Default: `process.cwd()`. */
  readonly cwd?: string
  /** Print the hint under each message. Default: `true`. */
  readonly hints?: boolean
  /** Which messages to print. Default: all. */
  readonly filter?: (message: VFileMessage) => boolean
}

/**
 * Formats the messages of files, one per line, in file then position order:
 * `path:line:column  error  reason  rule-id` (or `warning`, `info`), each followed by its hint.
 *
 * @param files Files carrying messages.
 * @param options Where paths are relative to, and whether to print hints.
 */
export function formatReport(files: readonly VFile[], options: FormatReportOptions = {}): string {
  const cwd = options.cwd ?? process.cwd()
  const hints = options.hints ?? true
  const lines: string[] = []
  for (const file of files) {
    const path = file.path ? relative(cwd, file.path) || file.path : '<input>'
    const messages = file.messages.filter((message) => options.filter?.(message) ?? true).sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0))
    for (const message of messages) {
      // vfile's three levels: fatal (error), false (warning), undefined (information).
      const severity = message.fatal ? 'error' : message.fatal === false ? 'warning' : 'info'
      lines.push(`${path}:${message.line ?? 1}:${message.column ?? 1}  ${severity}  ${message.reason}  ${message.ruleId ?? ''}`.trimEnd())
      if (hints && message.note) lines.push(`  hint: ${message.note}`)
    }
  }
  return lines.join('\n')
}
