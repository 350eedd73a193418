import {mkdtemp, readFile, rm} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {runCli} from '../src/index.js'
import {parseCommandLine} from '../src/run-cli.js'

// An empty folder: a command line wrongly accepted fails at once there (no edition), writing nothing.
const root = await mkdtemp(join(tmpdir(), 'mltop10-command-line-'))
afterAll(async () => {
  await rm(root, {recursive: true, force: true})
})

async function run(argv: string[]) {
  let stdout = ''
  let stderr = ''
  const code = await runCli(argv, {cwd: root, stdout: {write: (text: string) => (stdout += text)}, stderr: {write: (text: string) => (stderr += text)}})
  return {code, stdout, stderr}
}

/** The options each command takes, besides --help and --version. */
const ownOptions: Readonly<Record<string, readonly string[]>> = {
  check: [],
  build: ['--out', '--base-url', '--no-pdf', '--pdf-out', '--no-epub', '--epub-out', '--chrome', '--pdf-timeout', '--locales', '--prebuilt-pdfs', '--no-cache'],
  pdf: ['--out', '--chrome', '--pdf-timeout', '--locales', '--only-locale', '--no-summary', '--no-cache'],
  'i18n-status': ['--json', '--locales', '--content'],
  translate: ['--locales', '--content', '--edition', '--accept'],
  'locale-add': ['--locales'],
  release: ['--out', '--dry-run', '--allow-outdated', '--allow-dirty', '--date', '--base-url', '--pdf-timeout', '--content'],
  dev: ['--out', '--port']
}

const timeoutHint = '  hint: Pass a number of seconds above 0 and at most 86400 (a day); without --pdf-timeout, it is 60'

describe('usage errors exit 2 naming the option, the fix and the usage line', () => {
  it.each([
    {argv: ['check', '--port', '1'], stderr: ['error: Unknown option `--port` for mltop10 check', '  hint: --port is an option of mltop10 dev; mltop10 check takes no options', '  usage: mltop10 check [dir]']},
    {argv: ['check', '--dry-run'], stderr: ['error: Unknown option `--dry-run` for mltop10 check', '  hint: --dry-run is an option of mltop10 release; mltop10 check takes no options', '  usage: mltop10 check [dir]']},
    {argv: ['check', '--locales', 'locales'], stderr: ['error: Unknown option `--locales` for mltop10 check', '  hint: --locales is an option of mltop10 build, mltop10 pdf, mltop10 i18n-status, mltop10 translate, mltop10 locale-add; mltop10 check takes no options', '  usage: mltop10 check [dir]']},
    {argv: ['build', '--port', '1'], stderr: ['error: Unknown option `--port` for mltop10 build', '  hint: --port is an option of mltop10 dev; mltop10 build --help lists its options', '  usage: mltop10 build [dir] [options]']},
    {argv: ['pdf', '--pdf-timout', '5'], stderr: ['error: Unknown option `--pdf-timout` for mltop10 pdf', '  hint: Check the spelling; mltop10 pdf --help lists its options', '  usage: mltop10 pdf [dir] [options]']},
    {argv: ['build', '--pdf-timeout', 'abc'], stderr: ['error: --pdf-timeout must be a positive number of seconds, not `abc`', timeoutHint, '  usage: mltop10 build [dir] [options]']},
    {argv: ['build', '--pdf-timeout', '0'], stderr: ['error: --pdf-timeout must be a positive number of seconds, not `0`', timeoutHint, '  usage: mltop10 build [dir] [options]']},
    {argv: ['build', '--pdf-timeout', '-3'], stderr: ['error: --pdf-timeout must be a positive number of seconds, not `-3`', timeoutHint, '  usage: mltop10 build [dir] [options]']},
    {argv: ['pdf', '--pdf-timeout=1e3'], stderr: ['error: --pdf-timeout must be a positive number of seconds, not `1e3`', timeoutHint, '  usage: mltop10 pdf [dir] [options]']},
    {argv: ['release', '2023', '1.0.0', '--pdf-timeout', '90000'], stderr: ['error: --pdf-timeout must be a positive number of seconds, not `90000`', timeoutHint, '  usage: mltop10 release <edition> <version> [options]']},
    {argv: ['dev', '--port', '65536'], stderr: ['error: --port must be a whole number from 0 to 65535, not `65536`', '  hint: Pass a free port such as 8080, or 0 to let the system pick one', '  usage: mltop10 dev [dir] [options]']},
    {argv: ['build', '--out'], stderr: ['error: --out needs a value', '  hint: Pass it as --out <dir>, the value right after the option', '  usage: mltop10 build [dir] [options]']},
    {argv: ['build', '--out', '--no-pdf'], stderr: ['error: --out needs a value', '  hint: Pass it as --out <dir>, the value right after the option', '  usage: mltop10 build [dir] [options]']},
    {argv: ['pdf', '--only-locale', ''], stderr: ['error: --only-locale needs a value', '  hint: Pass it as --only-locale <code>, the value right after the option', '  usage: mltop10 pdf [dir] [options]']},
    {argv: ['build', '--out', 'a', '--out', 'b'], stderr: ['error: --out is given 2 times (`a`, `b`)', '  hint: Pass it once: --out <dir>', '  usage: mltop10 build [dir] [options]']},
    {argv: ['translate', 'es'], stderr: ['error: mltop10 translate needs <page>', '  hint: Pass it after the command, in the order of the usage line', '  usage: mltop10 translate <locale> <page> [options]']},
    {argv: ['release'], stderr: ['error: mltop10 release needs <edition> and <version>', '  hint: Pass them after the command, in the order of the usage line', '  usage: mltop10 release <edition> <version> [options]']},
    {argv: ['check', 'content', 'extra'], stderr: ['error: Unexpected argument `extra` for mltop10 check', '  hint: Remove it, or quote a path that holds spaces; mltop10 check takes only [dir]', '  usage: mltop10 check [dir]']}
  ])('mltop10 $argv', async ({argv, stderr}) => {
    const result = await run(argv)
    expect(result.stderr).toBe(`${stderr.join('\n')}\n`)
    expect(result.stdout).toBe('')
    expect(result.code).toBe(2)
  })
})

describe('each command reads its own options, typed, with their defaults', () => {
  it.each([
    {argv: ['check'], args: [], options: {}},
    {argv: ['check', 'content'], args: ['content'], options: {}},
    {
      argv: ['build'],
      args: [],
      options: {out: 'dist/site', baseUrl: undefined, pdf: true, pdfOut: 'dist/pdf', epub: true, epubOut: 'dist/epub', chrome: undefined, pdfTimeout: 60, locales: undefined, prebuiltPdfs: false, cache: true}
    },
    {
      argv: ['build', 'content', '--out', '007', '--base-url=https://example.org/top10/', '--no-pdf', '--pdf-out', 'out/pdf', '--no-epub', '--epub-out', 'out/epub', '--chrome', '/usr/bin/chromium', '--pdf-timeout', '1.5', '--locales', 'locales', '--prebuilt-pdfs', '--no-cache'],
      args: ['content'],
      options: {out: '007', baseUrl: 'https://example.org/top10/', pdf: false, pdfOut: 'out/pdf', epub: false, epubOut: 'out/epub', chrome: '/usr/bin/chromium', pdfTimeout: 1.5, locales: 'locales', prebuiltPdfs: true, cache: false}
    },
    {argv: ['pdf'], args: [], options: {out: 'dist/pdf', chrome: undefined, pdfTimeout: 60, locales: undefined, onlyLocale: undefined, summary: true, cache: true}},
    {
      argv: ['pdf', '.', '--only-locale', 'en', '--out=dist/pdf=1', '--chrome', '/bin/chrome', '--pdf-timeout', '300', '--locales', '../locales', '--no-cache', '--no-summary'],
      args: ['.'],
      options: {out: 'dist/pdf=1', chrome: '/bin/chrome', pdfTimeout: 300, locales: '../locales', onlyLocale: 'en', summary: false, cache: false}
    },
    {argv: ['i18n-status'], args: [], options: {json: false, locales: undefined, content: 'content'}},
    {argv: ['i18n-status', 'es', 'ja', '--json', '--locales', 'l10n', '--content', 'text'], args: ['es', 'ja'], options: {json: true, locales: 'l10n', content: 'text'}},
    {argv: ['translate', 'es', 'ML04'], args: ['es', 'ML04'], options: {locales: undefined, content: 'content', edition: undefined, accept: false}},
    {argv: ['translate', 'es', 'ML04', '--accept', '--edition', '2023', '--content', 'text', '--locales', 'l10n'], args: ['es', 'ML04'], options: {locales: 'l10n', content: 'text', edition: '2023', accept: true}},
    {argv: ['locale-add', 'pt-BR'], args: ['pt-BR'], options: {locales: 'locales'}},
    {argv: ['locale-add', 'pt-BR', '--locales', 'l10n'], args: ['pt-BR'], options: {locales: 'l10n'}},
    {
      argv: ['release', '2023', '1.0.0'],
      args: ['2023', '1.0.0'],
      options: {out: 'release', dryRun: false, allowOutdated: false, allowDirty: false, date: undefined, baseUrl: undefined, pdfTimeout: 60, content: 'content'}
    },
    {
      argv: ['release', '2023', '1.0.0', '--dry-run', '--allow-outdated', '--allow-dirty', '--date', '2024-05-01', '--out', 'releases', '--base-url', 'https://example.org/', '--pdf-timeout', '120', '--content', 'text'],
      args: ['2023', '1.0.0'],
      options: {out: 'releases', dryRun: true, allowOutdated: true, allowDirty: true, date: '2024-05-01', baseUrl: 'https://example.org/', pdfTimeout: 120, content: 'text'}
    },
    {argv: ['dev'], args: [], options: {out: 'dist/dev', port: 8080}},
    {argv: ['dev', 'content', '--port', '0', '--out', '../dist/dev'], args: ['content'], options: {out: '../dist/dev', port: 0}},
    {argv: ['dev', '--port=65535'], args: [], options: {out: 'dist/dev', port: 65_535}}
  ])('mltop10 $argv', ({argv, args, options}) => {
    const line = parseCommandLine(argv)
    expect(line.kind === 'command' ? {name: line.name, args: line.args, options: line.options} : line).toEqual({name: argv[0], args, options})
  })
})

/** The long names of the options a help text lists. */
function listedOptions(help: string): string[] {
  const section = help.split('\nOptions:\n')[1]?.split('\n\n')[0] ?? ''
  return section.split('\n').map((line) => /--[\w-]+/.exec(line)?.[0] ?? line)
}

describe('--help', () => {
  it.each(Object.entries(ownOptions))('mltop10 %s --help lists that command\'s options only, and exits 0', async (name, options) => {
    const {code, stdout, stderr} = await run([name, '--help'])
    expect(stderr).toBe('')
    expect(stdout).toMatch(new RegExp(`^Usage: mltop10 ${name}[ \\n]`))
    expect(listedOptions(stdout).sort()).toEqual([...options, '--help', '--version'].sort())
    expect(code).toBe(0)
  })

  it('shows defaults beside the options', async () => {
    const {stdout} = await run(['build', '-h'])
    expect(stdout).toMatch(/\n {2}--pdf-timeout <seconds> +Longest time one PDF may take \(default: 60\)\n/)
    expect(stdout).toMatch(/\n {2}--out <dir> +Output folder of the site \(default: dist\/site\)\n/)
  })

  it('lists the commands and only the global options without a command', async () => {
    const {code, stdout} = await run(['--help'])
    expect(listedOptions(stdout)).toEqual(['--help', '--version'])
    expect(stdout).toContain('mltop10 <command> --help lists the options of a command.')
    expect(code).toBe(0)
  })
})

it('--version prints the version of the package', async () => {
  const manifest = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as {version: string}
  expect(await run(['--version'])).toEqual({code: 0, stdout: `mltop10 ${manifest.version}\n`, stderr: ''})
})
