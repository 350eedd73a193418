import {readFileSync} from 'node:fs'
import {cac} from 'cac'
import {exitCodes, MlTop10Error} from '@mltop10/core'
import {cliCommands, type CliCommand} from './cli-commands.js'
import {globalOptions, markOptionValues, optionKey, type OptionSpec} from './options.js'
import {fromSystemError} from './system-error.js'

/** Where the command line reads and writes: the process, or a test's buffers. */
export interface CliIo {
  readonly stdout: {write(text: string): unknown}
  readonly stderr: {write(text: string): unknown}
  /** Folder that relative paths are resolved against. */
  readonly cwd: string
}

const exitCodesLine = 'Exit codes: 0 success, 1 content problems, 2 usage or configuration error, 3 missing environment.'

/** Option lines of the help: each flag, then its description and default. */
function optionLines(options: readonly OptionSpec<unknown>[]): string[] {
  const width = Math.max(...options.map((option) => option.flag.length))
  return options.map((option) => `  ${option.flag.padEnd(width)}  ${option.description}${option.shownDefault === undefined ? '' : ` (default: ${option.shownDefault})`}`)
}

function helpText(): string {
  const width = Math.max(...cliCommands.map((command) => command.usage.length))
  const lines = cliCommands.map((command) => `  mltop10 ${command.usage.padEnd(width)}  ${command.summary}`)
  return ['Usage:', ...lines, '', 'Options:', ...optionLines(globalOptions), '', 'mltop10 <command> --help lists the options of a command.', '', exitCodesLine, ''].join('\n')
}

/** The usage line of a command, as its help and its usage errors show it. */
function usageLine(command: CliCommand): string {
  return `mltop10 ${command.usage}${command.options.length > 0 ? ' [options]' : ''}`
}

function commandHelpText(command: CliCommand): string {
  return [`Usage: ${usageLine(command)}`, '', command.summary, '', 'Options:', ...optionLines([...command.options, ...globalOptions]), '', exitCodesLine, ''].join('\n')
}

/** The version in the package manifest beside `dist/` (and `src/`). */
function version(): string {
  const manifest: unknown = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))
  return typeof manifest === 'object' && manifest !== null && 'version' in manifest && typeof manifest.version === 'string' ? manifest.version : 'unknown'
}

/** A usage error of one command, reported with its usage line. */
class CommandUsageError extends MlTop10Error {
  /** The command's usage line. */
  readonly usage: string

  constructor(error: MlTop10Error, usage: string) {
    super(error.message, error.hint, error.exitCode)
    this.usage = usage
  }
}

/**
 * Checks the number of arguments against the usage (`<required>`, `[optional]`, `[...many]`).
 *
 * @throws {MlTop10Error} When one is missing or one is too many.
 */
function checkArguments(name: string, expected: readonly {required: boolean; value: string; variadic: boolean}[], args: readonly string[]): void {
  const missing = expected.slice(args.length).filter((arg) => arg.required)
  if (missing.length > 0) throw new MlTop10Error(`mltop10 ${name} needs ${missing.map((arg) => `<${arg.value}>`).join(' and ')}`, `Pass ${missing.length === 1 ? 'it' : 'them'} after the command, in the order of the usage line`)
  const extra = expected.some((arg) => arg.variadic) ? undefined : args[expected.length]
  if (extra !== undefined) throw new MlTop10Error(`Unexpected argument \`${extra}\` for mltop10 ${name}`, `Remove it, or quote a path that holds spaces; mltop10 ${name} takes ${expected.length === 0 ? 'no arguments' : `only ${expected.map((arg) => (arg.required ? `<${arg.value}>` : `[${arg.value}]`)).join(' ')}`}`)
}

/** What a command line asks for: a help text, the version, or a command with its arguments and typed options. */
export type CommandLine =
  | {readonly kind: 'help'; readonly text: string}
  | {readonly kind: 'version'; readonly text: string}
  | {readonly kind: 'command'; readonly name: string; readonly args: readonly string[]; readonly options: Readonly<Record<string, unknown>>; readonly run: (io: CliIo) => Promise<number>}

/**
 * Parses a command line: the command, its arguments, and its own options, typed and checked.
 *
 * @param argv Arguments after the program name.
 * @throws {MlTop10Error} On an unknown command, or (as a `CommandUsageError`, with the usage line)
 *   a missing or extra argument, an option the command does not take, a missing value or a bad number.
 */
export function parseCommandLine(argv: readonly string[]): CommandLine {
  const cli = cac('mltop10')
  for (const option of globalOptions) cli.option(option.flag, option.description)
  const byCac = new Map(
    cliCommands.map((command) => {
      const declared = cli.command(command.usage, command.summary)
      for (const option of command.options) declared.option(option.flag, option.description)
      return [declared, command] as const
    })
  )
  cli.parse(['node', 'mltop10', ...markOptionValues(argv, cliCommands.flatMap((command) => command.options))], {run: false})
  const matched = cli.matchedCommand
  const command = matched && byCac.get(matched)
  if (cli.options['help'] === true) return {kind: 'help', text: command ? commandHelpText(command) : helpText()}
  if (cli.options['version'] === true) return {kind: 'version', text: `mltop10 ${version()}\n`}
  if (!matched || !command) {
    const name = cli.args[0]
    throw new MlTop10Error(name ? `Unknown command \`${name}\`` : 'No command given', 'Run `mltop10 --help` to list the commands')
  }
  const args = cli.args.map(String)
  try {
    checkArguments(command.name, matched.args, args)
    const prepared = command.prepare(args, cli.options, {
      command: `mltop10 ${command.name}`,
      declaredBy: (key) => cliCommands.filter((other) => other !== command && other.options.some((option) => optionKey(option.flag) === key)).map((other) => `mltop10 ${other.name}`)
    })
    return {kind: 'command', name: command.name, args, ...prepared}
  } catch (caught) {
    throw caught instanceof MlTop10Error ? new CommandUsageError(caught, usageLine(command)) : caught
  }
}

/**
 * Runs the `mltop10` command line.
 *
 * @param argv Arguments after the program name.
 * @param io Output streams and working folder.
 * @returns The exit code: 0 success, 1 content errors, 2 usage or configuration error, 3 missing environment.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  if (argv.length === 0) {
    io.stderr.write(helpText())
    return exitCodes.usage
  }
  try {
    const line = parseCommandLine(argv)
    if (line.kind !== 'command') {
      io.stdout.write(line.text)
      return exitCodes.ok
    }
    return await line.run(io)
  } catch (caught) {
    const error = fromSystemError(caught, io.cwd) ?? caught
    if (!(error instanceof MlTop10Error)) throw error
    io.stderr.write(`error: ${error.message}\n  hint: ${error.hint}\n${error instanceof CommandUsageError ? `  usage: ${error.usage}\n` : ''}`)
    return error.exitCode
  }
}
