/** Exit codes of the command line, documented in the README. */
export const exitCodes = {
  ok: 0,
  /** The content has problems; each was reported with its position. */
  contentErrors: 1,
  /** Wrong usage or configuration: a missing folder, an unknown option. */
  usage: 2,
  /** The environment lacks something the command needs (for example a browser). */
  environment: 3
} as const

/**
 * An error of configuration, usage or environment (not of content): it says what
 * was received, what was expected and what to do.
 */
export class MlTop10Error extends Error {
  /** What to do about it. */
  readonly hint: string
  /** The process exit code for this error. */
  readonly exitCode: number

  /**
   * @param title One sentence: what went wrong.
   * @param hint What to do about it.
   * @param exitCode Exit code, `exitCodes.usage` unless given.
   */
  constructor(title: string, hint: string, exitCode: number = exitCodes.usage) {
    super(title)
    this.name = 'MlTop10Error'
    this.hint = hint
    this.exitCode = exitCode
  }
}
