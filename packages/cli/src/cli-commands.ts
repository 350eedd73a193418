import {existsSync, readdirSync} from 'node:fs'
import {join, resolve} from 'node:path'
import {parseOptions, portOption, secondsOption, switchOption, textOption, type OptionContext, type OptionSpec, type OptionSpecs, type ParsedOptions} from './options.js'
import type {CliIo} from './run-cli.js'

// Each command's module is loaded when that command runs: `--help`, `check` or a site build do not
// pay for loading what only PDFs, EPUBs or the dev server need (the bundle is split per command).
const commands = {
  build: () => import('./commands/build.js'),
  check: () => import('./commands/check.js'),
  dev: () => import('./commands/dev.js'),
  localeAdd: () => import('./commands/locale-add.js'),
  i18nStatus: () => import('./commands/i18n-status.js'),
  pdf: () => import('./commands/pdf.js'),
  release: () => import('./commands/release.js'),
  translate: () => import('./commands/translate.js')
}

/** A command as declared: usage as cac parses it, a one-line summary, its own options, and what runs. */
interface CommandDefinition<Specs extends OptionSpecs> {
  readonly usage: string
  readonly summary: string
  readonly options: Specs
  readonly run: (args: readonly string[], options: ParsedOptions<Specs>, io: CliIo) => Promise<number>
}

/** A command, with the types of its options closed over, so that one list holds every command. */
export interface CliCommand {
  /** The first word of the usage. */
  readonly name: string
  readonly usage: string
  readonly summary: string
  readonly options: readonly OptionSpec<unknown>[]
  /**
   * Reads the options cac parsed into the command's typed options.
   *
   * @throws {MlTop10Error} A usage error about an option.
   */
  readonly prepare: (args: readonly string[], raw: Readonly<Record<string, unknown>>, context: OptionContext) => {readonly options: Readonly<Record<string, unknown>>; readonly run: (io: CliIo) => Promise<number>}
}

/** A command whose `run` receives its options typed as its specs declare them. */
function defineCommand<Specs extends OptionSpecs>(definition: CommandDefinition<Specs>): CliCommand {
  return {
    name: definition.usage.replace(/\s.*$/, ''),
    usage: definition.usage,
    summary: definition.summary,
    options: Object.values(definition.options),
    prepare: (args, raw, context) => {
      const options = parseOptions(definition.options, raw, context)
      return {options, run: (io) => definition.run(args, options, io)}
    }
  }
}

// Options that several commands take, declared once.
const chrome = textOption('--chrome <path>', 'Chrome or Chromium executable (default: CHROME_PATH, puppeteer, then the system)')
const pdfTimeout = secondsOption('--pdf-timeout <seconds>', 'Longest time one PDF may take', 60)
const localesBesideContent = textOption('--locales <dir>', 'Locales folder (default: locales/ beside the content folder)')
const content = textOption('--content <dir>', 'Content folder', 'content')
const baseUrl = textOption('--base-url <url>', 'Public address of the site (default: MLTOP10_BASE_URL)')
const cache = switchOption('--no-cache', 'Render every PDF, without the cache of unchanged ones')

/** The commands, each with the options it reads. */
export const cliCommands: readonly CliCommand[] = [
  defineCommand({
    usage: 'check [dir]',
    summary: 'Validate editions: a content folder, an editions folder or one edition folder (default: .)',
    options: {},
    run: async ([dir = '.'], _options, io) => (await commands.check()).checkCommand(dir, io)
  }),
  defineCommand({
    usage: 'build [dir]',
    summary: 'Validate, render the PDFs into --pdf-out (default: dist/pdf; --no-pdf skips them), build the EPUBs into --epub-out (default: dist/epub; --no-epub skips them) and build the site into --out (default: dist/site)',
    options: {
      out: textOption('--out <dir>', 'Output folder of the site', 'dist/site'),
      baseUrl,
      pdf: switchOption('--no-pdf', 'Build the site only, without PDFs'),
      pdfOut: textOption('--pdf-out <dir>', 'Output folder of the PDFs', 'dist/pdf'),
      epub: switchOption('--no-epub', 'Build no EPUB'),
      epubOut: textOption('--epub-out <dir>', 'Output folder of the EPUBs', 'dist/epub'),
      chrome,
      pdfTimeout,
      locales: localesBesideContent,
      prebuiltPdfs: switchOption('--prebuilt-pdfs', "Take the PDFs from the content folder's dist/pdf, rendered by its pdf task"),
      cache
    },
    run: async ([dir = '.'], options, io) =>
      (await commands.build()).buildCommand(
        {
          dir,
          out: options.out,
          pdfOut: options.pdf ? options.pdfOut : undefined,
          epubOut: options.epub ? options.epubOut : undefined,
          baseUrl: options.baseUrl,
          chrome: options.chrome,
          pdfTimeout: options.pdfTimeout,
          locales: options.locales,
          prebuiltPdfs: options.prebuiltPdfs,
          cache: options.cache
        },
        io
      )
  }),
  defineCommand({
    usage: 'pdf [dir]',
    summary: 'Validate, then render only the PDFs into --out (default: dist/pdf)',
    options: {
      out: textOption('--out <dir>', 'Output folder of the PDFs', 'dist/pdf'),
      chrome,
      pdfTimeout,
      locales: localesBesideContent,
      onlyLocale: textOption('--only-locale <code>', 'Render the PDFs of one locale only (en: English)'),
      summary: switchOption('--no-summary', 'Render no one-page summary sheet'),
      cache
    },
    run: async ([dir = '.'], options, io) => (await commands.pdf()).pdfCommand({dir, out: options.out, chrome: options.chrome, pdfTimeout: options.pdfTimeout, locales: options.locales, only: options.onlyLocale, cache: options.cache, summary: options.summary}, io)
  }),
  defineCommand({
    usage: 'i18n-status [...locales]',
    summary: 'Per locale (all, or those named): pages translated, outdated (how they differ, with the English changes) and missing, and untranslated UI strings; --json for machines',
    options: {json: switchOption('--json', 'Print JSON for machines'), locales: localesBesideContent, content},
    run: async (args, options, io) => (await commands.i18nStatus()).i18nStatusCommand({dir: options.content, locales: options.locales, only: args, json: options.json}, io)
  }),
  defineCommand({
    usage: 'translate <locale> <page>',
    summary: "Start translating a page (a copy of the English page recording its hash), or show an outdated one's English changes; --accept records the current English hash",
    options: {
      locales: localesBesideContent,
      content,
      edition: textOption('--edition <name>', 'Edition (default: the newest)'),
      accept: switchOption('--accept', 'Record the current English hash in an outdated translation')
    },
    run: async (args, options, io) => (await commands.translate()).translateCommand({dir: options.content, locales: options.locales, locale: String(args[0]), page: String(args[1]), edition: options.edition, accept: options.accept}, io)
  }),
  defineCommand({
    usage: 'locale-add <code>',
    summary: 'Create a locale under --locales (default: locales): manifest, empty UI strings, page folders',
    options: {locales: textOption('--locales <dir>', 'Locales folder', 'locales')},
    run: async (args, options, io) => {
      const localesDir = resolve(io.cwd, options.locales)
      const editionsDir = join(localesDir, '..', 'content', 'editions')
      const editions = existsSync(editionsDir) ? readdirSync(editionsDir).filter((name) => existsSync(join(editionsDir, name, 'edition.yaml'))) : []
      return (await commands.localeAdd()).localeAddCommand({code: String(args[0]), dir: localesDir, editions}, io)
    }
  }),
  defineCommand({
    usage: 'release <edition> <version>',
    summary: 'Release an edition into --out (default: release): checksummed site archive, PDFs, JSON, CSV; --dry-run, --allow-outdated, --allow-dirty, --date',
    options: {
      out: textOption('--out <dir>', 'Folder of releases; each goes to <out>/<edition>/<version>/', 'release'),
      dryRun: switchOption('--dry-run', 'Do everything but write'),
      allowOutdated: switchOption('--allow-outdated', 'Release with outdated translations'),
      allowDirty: switchOption('--allow-dirty', 'Release from a working tree with uncommitted changes'),
      date: textOption('--date <date>', 'Release date, YYYY-MM-DD (default: today)'),
      baseUrl,
      pdfTimeout,
      content
    },
    run: async (args, options, io) =>
      (await commands.release()).releaseCommand(
        {
          dir: options.content,
          edition: String(args[0]),
          version: String(args[1]),
          date: options.date,
          out: options.out,
          dryRun: options.dryRun,
          allowOutdated: options.allowOutdated,
          allowDirty: options.allowDirty,
          baseUrl: options.baseUrl,
          pdfTimeout: options.pdfTimeout
        },
        io
      )
  }),
  defineCommand({
    usage: 'dev [dir]',
    summary: 'Build, serve on 127.0.0.1 (--port, default 8080) and rebuild and reload on every content change',
    options: {out: textOption('--out <dir>', 'Output folder of the served site', 'dist/dev'), port: portOption('--port <port>', 'Port on 127.0.0.1; 0 picks a free one', 8080)},
    run: async ([dir = '.'], options, io) => (await commands.dev()).devCommand({dir, out: options.out, port: options.port}, io)
  })
]
