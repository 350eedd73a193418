import {existsSync, readdirSync} from 'node:fs'
import {join, resolve} from 'node:path'
import {cac} from 'cac'
import {exitCodes, MlTop10Error} from '@mltop10/core'
import {buildCommand} from './commands/build.js'
import {checkCommand} from './commands/check.js'
import {devCommand, parsePort} from './commands/dev.js'
import {localeAddCommand} from './commands/locale-add.js'
import {i18nStatusCommand} from './commands/i18n-status.js'
import {pdfCommand} from './commands/pdf.js'
import {releaseCommand} from './commands/release.js'
import {translateCommand} from './commands/translate.js'
import {fromSystemError} from './system-error.js'

/** Where the command line reads and writes: the process, or a test's buffers. */
export interface CliIo {
  readonly stdout: {write(text: string): unknown}
  readonly stderr: {write(text: string): unknown}
  /** Folder that relative paths are resolved against. */
  readonly cwd: string
}

/** The commands: usage as cac parses it, a one-line summary, and what runs. */
const commands: readonly {usage: string; summary: string; run: (args: unknown[], io: CliIo) => Promise<number>}[] = [
  {
    usage: 'check [dir]',
    summary: 'Validate editions: a content folder, an editions folder or one edition folder (default: .)',
    run: (args, io) => checkCommand(typeof args[0] === 'string' ? args[0] : '.', io)
  },
  {
    usage: 'build [dir]',
    summary: 'Validate, render the PDFs into --pdf-out (default: dist/pdf; --no-pdf skips them) and build the site into --out (default: dist/site)',
    run: (args, io) => {
      const flags = (args.at(-1) ?? {}) as {out?: string; baseUrl?: string; pdf?: boolean; pdfOut?: string; chrome?: string; pdfTimeout?: number; locales?: string; prebuiltPdfs?: boolean; cache?: boolean}
      return buildCommand(
        {
          dir: typeof args[0] === 'string' ? args[0] : '.',
          out: flags.out ?? 'dist/site',
          pdfOut: flags.pdf === false ? undefined : (flags.pdfOut ?? 'dist/pdf'),
          baseUrl: flags.baseUrl,
          chrome: flags.chrome,
          pdfTimeout: Number(flags.pdfTimeout ?? 60),
          locales: flags.locales,
          prebuiltPdfs: flags.prebuiltPdfs === true,
          cache: flags.cache !== false
        },
        io
      )
    }
  },
  {
    usage: 'pdf [dir]',
    summary: 'Validate, then render only the PDFs into --out (default: dist/pdf)',
    run: (args, io) => {
      const flags = (args.at(-1) ?? {}) as {out?: string; chrome?: string; pdfTimeout?: number; locales?: string; onlyLocale?: string; cache?: boolean}
      return pdfCommand({dir: typeof args[0] === 'string' ? args[0] : '.', out: flags.out ?? 'dist/pdf', chrome: flags.chrome, pdfTimeout: Number(flags.pdfTimeout ?? 60), locales: flags.locales, only: flags.onlyLocale, cache: flags.cache !== false}, io)
    }
  },
  {
    usage: 'i18n-status [...locales]',
    summary: 'Per locale (all, or those named): pages translated, outdated (how they differ, with the English changes) and missing, and untranslated UI strings; --json for machines',
    run: (args, io) => {
      const flags = (args.at(-1) ?? {}) as {json?: boolean; locales?: string; content?: string}
      return i18nStatusCommand({dir: flags.content ?? 'content', locales: flags.locales, only: Array.isArray(args[0]) ? args[0].map(String) : [], json: flags.json === true}, io)
    }
  },
  {
    usage: 'translate <locale> <page>',
    summary: 'Start translating a page (a copy of the English page recording its hash), or show an outdated one\'s English changes; --accept records the current English hash',
    run: (args, io) => {
      const flags = (args.at(-1) ?? {}) as {locales?: string; content?: string; edition?: string; accept?: boolean}
      return translateCommand({dir: flags.content ?? 'content', locales: flags.locales, locale: String(args[0]), page: String(args[1]), edition: flags.edition, accept: flags.accept === true}, io)
    }
  },
  {
    usage: 'locale-add <code>',
    summary: 'Create a locale under --locales (default: locales): manifest, empty UI strings, page folders',
    run: async (args, io) => {
      const flags = (args.at(-1) ?? {}) as {locales?: string}
      const localesDir = resolve(io.cwd, flags.locales ?? 'locales')
      const editionsDir = join(localesDir, '..', 'content', 'editions')
      const editions = existsSync(editionsDir) ? readdirSync(editionsDir).filter((name) => existsSync(join(editionsDir, name, 'edition.yaml'))) : []
      return localeAddCommand({code: String(args[0]), dir: localesDir, editions}, io)
    }
  },
  {
    usage: 'release <edition> <version>',
    summary: 'Release an edition into --out (default: release): checksummed site archive, PDFs, JSON, CSV; --dry-run, --allow-outdated, --allow-dirty, --date',
    run: (args, io) => {
      const flags = (args.at(-1) ?? {}) as {out?: string; dryRun?: boolean; allowOutdated?: boolean; allowDirty?: boolean; date?: string; baseUrl?: string; pdfTimeout?: number; content?: string}
      return releaseCommand(
        {
          dir: flags.content ?? 'content',
          edition: String(args[0]),
          version: String(args[1]),
          date: flags.date,
          out: flags.out ?? 'release',
          dryRun: flags.dryRun === true,
          allowOutdated: flags.allowOutdated === true,
          allowDirty: flags.allowDirty === true,
          baseUrl: flags.baseUrl,
          pdfTimeout: Number(flags.pdfTimeout ?? 60)
        },
        io
      )
    }
  },
  {
    usage: 'dev [dir]',
    summary: 'Build, serve on 127.0.0.1 (--port, default 8080) and rebuild and reload on every content change',
    run: (args, io) => {
      const flags = (args.at(-1) ?? {}) as {out?: string; port?: number}
      return devCommand({dir: typeof args[0] === 'string' ? args[0] : '.', out: flags.out ?? 'dist/dev', port: parsePort(flags.port)}, io)
    }
  }
]

function helpText(): string {
  const width = Math.max(...commands.map((command) => command.usage.length))
  const lines = commands.map((command) => `  mltop10 ${command.usage.padEnd(width)}  ${command.summary}`)
  return ['Usage:', ...lines, '', 'Exit codes: 0 success, 1 content problems, 2 usage or configuration error, 3 missing environment.', ''].join('\n')
}

/**
 * Runs the `mltop10` command line.
 *
 * @param argv Arguments after the program name.
 * @param io Output streams and working folder.
 * @returns The exit code: 0 success, 1 content errors, 2 usage or configuration error, 3 missing environment.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const cli = cac('mltop10')
  let action: (() => Promise<number>) | undefined
  for (const command of commands) {
    cli
      .command(command.usage, command.summary)
      .option('--out <dir>', 'Output folder')
      .option('--base-url <url>', 'Public address of the site')
      .option('--port <port>', 'Port of the dev server')
      .option('--no-pdf', 'Build the site only')
      .option('--pdf-out <dir>', 'Output folder of the PDFs')
      .option('--chrome <path>', 'Chrome or Chromium executable (default: CHROME_PATH, puppeteer, then the system)')
      .option('--pdf-timeout <seconds>', 'Longest time one PDF may take')
      .option('--locales <dir>', 'Locales folder (default: locales/ beside the content folder)')
      .option('--json', 'Print JSON')
      .option('--only-locale <code>', 'Render the PDFs of one locale only (pdf)')
      .option('--prebuilt-pdfs', 'Take the PDFs from the content folder\'s dist/pdf, rendered by its pdf task (build)')
      .option('--no-cache', 'Render every PDF, without the cache of unchanged ones (build, pdf)')
      .option('--dry-run', 'Do everything but write')
      .option('--allow-outdated', 'Release with outdated translations')
      .option('--allow-dirty', 'Release from a working tree with uncommitted changes')
      .option('--date <date>', 'Release date, YYYY-MM-DD')
      .option('--content <dir>', 'Content folder (release, i18n-status, translate; default: content)')
      .option('--edition <name>', 'Edition (translate; default: the newest)')
      .option('--accept', 'Record the current English hash in an outdated translation (translate)')
      .action((...args: unknown[]) => {
        action = () => command.run(args, io)
      })
  }
  if (argv.length === 0 || argv.includes('--help') || argv.includes('-h')) {
    ;(argv.length === 0 ? io.stderr : io.stdout).write(helpText())
    return argv.length === 0 ? exitCodes.usage : exitCodes.ok
  }
  try {
    cli.parse(['node', 'mltop10', ...argv], {run: false})
    if (!cli.matchedCommand) {
      const name = cli.args[0]
      throw new MlTop10Error(name ? `Unknown command \`${name}\`` : 'No command given', 'Run `mltop10 --help` to list the commands')
    }
    await cli.runMatchedCommand()
    return action ? await action() : exitCodes.ok
  } catch (caught) {
    const error = fromSystemError(caught, io.cwd) ?? caught
    if (error instanceof MlTop10Error) {
      io.stderr.write(`error: ${error.message}\n  hint: ${error.hint}\n`)
      return error.exitCode
    }
    if (error instanceof Error && error.name === 'CACError') {
      io.stderr.write(`error: ${error.message}\n  hint: Run \`mltop10 --help\` for usage\n`)
      return exitCodes.usage
    }
    throw error
  }
}
