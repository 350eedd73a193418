import type {Point, Position} from 'unist'
import type {VFile} from 'vfile'

/** Where a problem is: a node position, a point, or nothing (start of file). */
export type Place = Position | Point | undefined

/**
 * Records a content error on a file: a message with its position, rule id and hint.
 *
 * @param file The source file the problem is in.
 * @param reason What is wrong, as one sentence.
 * @param place Position of the offending node or point.
 * @param ruleId Stable id of the rule, printed after the message.
 * @param hint What to do about it.
 */
export function report(file: VFile, reason: string, place: Place, ruleId: string, hint: string): void {
  const message = file.message(reason, {place: place ?? {line: 1, column: 1}, ruleId, source: 'core'})
  message.fatal = true
  message.note = hint
}

/**
 * Records a warning: something to fix that does not stop a build (such as an
 * untranslated UI string, which falls back to English).
 *
 * @param file The source file the problem is in.
 * @param reason What is wrong, as one sentence.
 * @param place Position of the offending node or point.
 * @param ruleId Stable id of the rule, printed after the message.
 * @param hint What to do about it.
 */
export function warn(file: VFile, reason: string, place: Place, ruleId: string, hint: string): void {
  const message = file.message(reason, {place: place ?? {line: 1, column: 1}, ruleId, source: 'core'})
  message.fatal = false
  message.note = hint
}

/** Counts the errors recorded on files. */
export function countErrors(files: readonly VFile[]): number {
  let count = 0
  for (const file of files) for (const message of file.messages) if (message.fatal) count++
  return count
}
