import {MlTop10Error} from '@mltop10/core'

/** One option of a command: how cac declares it, how the help shows it, and how its value is read. */
export interface OptionSpec<Value> {
  /** As cac declares it and the help shows it: `--out <dir>`, `--json`, `--no-pdf`. */
  readonly flag: string
  /** One line for the help. */
  readonly description: string
  /** The default as the help shows it, when the option has one. */
  readonly shownDefault: string | undefined
  /**
   * The value as the command reads it, from what cac parsed (`undefined` when absent).
   *
   * @throws {MlTop10Error} A usage error naming the option and the fix (exit code 2).
   */
  readonly read: (raw: unknown) => Value
}

/** A command's options by the name its code reads them under. */
export type OptionSpecs = Readonly<Record<string, OptionSpec<unknown>>>

/** The typed options of a command, as `parseOptions` returns them. */
export type ParsedOptions<Specs extends OptionSpecs> = {readonly [Key in keyof Specs]: ReturnType<Specs[Key]['read']>}

/** What a usage error about an option says beyond the option itself. */
export interface OptionContext {
  /** The command, as errors name it (`mltop10 build`). */
  readonly command: string
  /** The other commands that declare an option (by cac's key), for an option given to the wrong command. */
  readonly declaredBy: (key: string) => readonly string[]
}

/** Options of every command: the help, and the version. */
export const globalOptions: readonly OptionSpec<boolean>[] = [switchOption('-h, --help', 'Show this help (after a command: its arguments and options)'), switchOption('-v, --version', 'Show the version')]

/** Longest `--pdf-timeout`: a day; beyond about 24 days Node's timers would fire at once. */
const maxSeconds = 86_400

/**
 * Text such as a folder, an address or a name.
 *
 * @param flag As cac declares it, with its value: `--out <dir>`.
 * @param description One line for the help.
 * @param fallback The value when the option is absent.
 */
export function textOption(flag: string, description: string): OptionSpec<string | undefined>
export function textOption(flag: string, description: string, fallback: string): OptionSpec<string>
export function textOption(flag: string, description: string, fallback?: string): OptionSpec<string | undefined> {
  return {flag, description, shownDefault: fallback, read: (raw) => valueText(flag, raw) ?? fallback}
}

/**
 * A switch: `--json` is false unless given, `--no-pdf` makes `pdf` false (true unless given).
 *
 * @param flag As cac declares it: `--json` or `--no-pdf`.
 * @param description One line for the help.
 */
export function switchOption(flag: string, description: string): OptionSpec<boolean> {
  const fallback = flag.startsWith('--no-')
  return {
    flag,
    description,
    shownDefault: undefined,
    // A switch given twice says the same thing twice.
    read: (raw) => {
      const last: unknown = Array.isArray(raw) ? raw.at(-1) : raw
      return typeof last === 'boolean' ? last : fallback
    }
  }
}

/** An option with a value, read by `parse` when given and `fallback` when not. */
function valueOption<T>(flag: string, description: string, fallback: T, parse: (text: string) => T): OptionSpec<T> {
  return {
    flag,
    description,
    shownDefault: String(fallback),
    read: (raw) => {
      const text = valueText(flag, raw)
      return text === undefined ? fallback : parse(text)
    }
  }
}

/**
 * A duration in seconds: a number above 0, with decimals if wanted, of at most a day.
 *
 * @param flag As cac declares it: `--pdf-timeout <seconds>`.
 * @param description One line for the help.
 * @param fallback Seconds when the option is absent.
 */
export function secondsOption(flag: string, description: string, fallback: number): OptionSpec<number> {
  const name = longName(flag)
  return valueOption(flag, description, fallback, (text) => {
    const seconds = /^\d+(\.\d+)?$/.test(text) ? Number(text) : Number.NaN
    if (!(seconds > 0 && seconds <= maxSeconds)) throw new MlTop10Error(`${name} must be a positive number of seconds, not \`${text}\``, `Pass a number of seconds above 0 and at most ${maxSeconds} (a day); without ${name}, it is ${fallback}`)
    return seconds
  })
}

/**
 * A TCP port: a whole number from 0 to 65535, where 0 lets the system pick a free one.
 *
 * @param flag As cac declares it: `--port <port>`.
 * @param description One line for the help.
 * @param fallback The port when the option is absent.
 */
export function portOption(flag: string, description: string, fallback: number): OptionSpec<number> {
  return valueOption(flag, description, fallback, (text) => parsePort(longName(flag), text))
}

/**
 * A port number from its text.
 *
 * @throws {MlTop10Error} When it is not a whole number from 0 to 65535 (exit code 2).
 */
function parsePort(name: string, text: string): number {
  const port = /^\d+$/.test(text) ? Number(text) : Number.NaN
  if (!(port <= 65_535)) throw new MlTop10Error(`${name} must be a whole number from 0 to 65535, not \`${text}\``, 'Pass a free port such as 8080, or 0 to let the system pick one')
  return port
}

/**
 * Reads a command's options from the flags cac parsed for it: every one typed and
 * checked, each absent one at its default.
 *
 * @param specs The command's options.
 * @param raw The options object of cac's parse (camelCased names).
 * @param context The command, and who else declares an option, for the messages.
 * @throws {MlTop10Error} On an option the command does not take, a missing value, an
 *   option given twice or a bad number: a usage error naming the option and the fix.
 */
export function parseOptions<Specs extends OptionSpecs>(specs: Specs, raw: Readonly<Record<string, unknown>>, context: OptionContext): ParsedOptions<Specs> {
  const declared = new Set([...Object.values(specs), ...globalOptions].flatMap((spec) => optionKeys(spec.flag)))
  for (const key of Object.keys(raw)) {
    if (key === '--' || declared.has(key)) continue
    const shown = key.length > 1 ? `--${key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}` : `-${key}`
    const owners = context.declaredBy(key)
    const own = Object.keys(specs).length === 0 ? `${context.command} takes no options` : `${context.command} --help lists its options`
    throw new MlTop10Error(`Unknown option \`${shown}\` for ${context.command}`, owners.length > 0 ? `${shown} is an option of ${owners.join(', ')}; ${own}` : `Check the spelling; ${own}`)
  }
  const parsed: Record<string, unknown> = {}
  for (const [name, spec] of Object.entries(specs)) parsed[name] = spec.read(raw[optionKey(spec.flag)])
  // Each entry was read by its own spec, so it has the type that spec declares.
  return parsed as ParsedOptions<Specs>
}

/**
 * The key cac stores an option under: its long name without dashes or `no-`, camelCased
 * (`--pdf-timeout` -> `pdfTimeout`, `--no-pdf` -> `pdf`).
 *
 * @param flag As cac declares it.
 */
export function optionKey(flag: string): string {
  return optionKeys(flag).at(-1) ?? ''
}

/** Every key of an option, short and long (`-h, --help` -> `h`, `help`). */
function optionKeys(flag: string): string[] {
  return flag
    .replace(/\s*[<[].*$/, '')
    .split(',')
    .map((name) => name.trim().replace(/^--?(no-)?/, '').replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase()))
}

/** Whether an option takes a value (`--out <dir>`) rather than being a switch. */
function takesValue(flag: string): boolean {
  return /\s<[^>]+>$/.test(flag)
}

/** `--out` of `--out <dir>`. */
function longName(flag: string): string {
  return flag.split(/[\s,]+/).find((word) => word.startsWith('--')) ?? flag
}

/**
 * Marks the value of an option that takes one. cac's parser (mri) turns a value that looks like a
 * number into a number (`--out 007` would be `7`, `--out ''` would be `0`) and reads a value
 * starting with `-` as flags (`--pdf-timeout -3`). Behind NUL, which no command-line word can
 * hold, a value is neither; `valueText` removes the mark.
 */
const valueMark = '\0'

/**
 * The command line with the value of every option that takes one written as `--name=<value>`
 * behind a mark, so that cac keeps it as typed: the word after such an option is its value unless
 * it is another long option (`--out --no-pdf` lacks a value; `--pdf-timeout -3` has one).
 *
 * @param argv The arguments after the program name.
 * @param options The options of every command (a name takes a value in all commands or in none).
 */
export function markOptionValues(argv: readonly string[], options: readonly OptionSpec<unknown>[]): string[] {
  const valueFlags = new Set(options.filter((option) => takesValue(option.flag)).map((option) => longName(option.flag)))
  const marked: string[] = []
  /** The option whose value is the current word. */
  let option: string | undefined
  for (const [index, word] of argv.entries()) {
    const equals = word.indexOf('=')
    const next = argv[index + 1]
    if (option !== undefined) {
      marked.push(`${option}=${valueMark}${word}`)
      option = undefined
    } else if (word === '--') {
      // After `--` every word is an argument.
      return [...marked, ...argv.slice(index)]
    } else if (equals > 0 && valueFlags.has(word.slice(0, equals))) {
      marked.push(`${word.slice(0, equals)}=${valueMark}${word.slice(equals + 1)}`)
    } else if (valueFlags.has(word) && next !== undefined && !next.startsWith('--')) {
      option = word
    } else {
      marked.push(word)
    }
  }
  return marked
}

/**
 * The text of an option that takes a value, or `undefined` when it is absent.
 *
 * @throws {MlTop10Error} When its value is missing or it is given more than once.
 */
function valueText(flag: string, raw: unknown): string | undefined {
  if (raw === undefined) return undefined
  const name = longName(flag)
  const text = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value).replace(valueMark, '') : '')
  if (Array.isArray(raw)) throw new MlTop10Error(`${name} is given ${raw.length} times (${raw.map((value) => `\`${text(value)}\``).join(', ')})`, `Pass it once: ${flag}`)
  const value = text(raw)
  if (value === '') throw new MlTop10Error(`${name} needs a value`, `Pass it as ${flag}, the value right after the option`)
  return value
}
