import {existsSync, readdirSync} from 'node:fs'
import {cp, mkdtemp, readFile, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {afterAll, describe, expect, it} from 'vitest'
import {runCli} from '../src/index.js'

const baseEdition = fileURLToPath(new URL('../../core/test/fixtures/_base', import.meta.url))
const root = await mkdtemp(join(tmpdir(), 'mltop10-cli-'))
await cp(baseEdition, join(root, 'content', 'editions', '2023'), {recursive: true})
afterAll(async () => {
  await rm(root, {recursive: true, force: true})
})

async function run(argv: string[], cwd = root) {
  let stdout = ''
  let stderr = ''
  const code = await runCli(argv, {cwd, stdout: {write: (text: string) => (stdout += text)}, stderr: {write: (text: string) => (stderr += text)}})
  return {code, stdout, stderr}
}

describe('mltop10 check', () => {
  it('prints a one-line summary and exits 0 on a clean edition', async () => {
    const {code, stdout, stderr} = await run(['check'])
    expect(stderr).toBe('')
    expect(stdout).toBe('edition 2023: 6 documents, 2 risks, 2 glossary terms, 0 problems\n')
    expect(code).toBe(0)
  })

  it('finds the edition from its own folder and from the editions folder', async () => {
    expect((await run(['check', 'content/editions/2023'])).code).toBe(0)
    expect((await run(['check', 'content/editions'])).code).toBe(0)
  })

  it('reports every problem with file:line:column and exits 1', async () => {
    const path = join(root, 'content', 'editions', '2023', 'about.md')
    await writeFile(path, '---\ntitle: About\n---\n\nSee [x](missing.md) and [y](glossary.md#nope).\n')
    const {code, stdout, stderr} = await run(['check'])
    await cp(join(baseEdition, 'about.md'), path)
    expect(stdout).toBe('')
    expect(stderr).toBe(
      [
        'content/editions/2023/about.md:1:1  error  Missing required field `description`  required-field',
        '  hint: Add `description` (fields are listed in content/README.md)',
        'content/editions/2023/about.md:5:5  error  Link `missing.md` points to a missing document `missing.md`  missing-document',
        '  hint: Fix the file name; documents of this edition are listed in edition.yaml',
        'content/editions/2023/about.md:5:25  error  Unknown glossary term `nope` in link `glossary.md#nope`  unknown-glossary-term',
        '  hint: Link to a term defined in glossary.md (the anchor is the slug of its heading), or add the term there',
        'edition 2023: 3 problems in 1 file',
        ''
      ].join('\n')
    )
    expect(code).toBe(1)
  })

  it('exits 2 with a hint when no edition is found', async () => {
    const {code, stderr} = await run(['check', 'nowhere'])
    expect(code).toBe(2)
    expect(stderr).toMatch(/^error: No edition found in .*nowhere\n {2}hint: Pass an edition folder/)
  })
})

describe('mltop10 build', () => {
  it('builds the site and the EPUBs without PDFs when asked, and says what it wrote', async () => {
    const {code, stdout} = await run(['build', '--no-pdf', '--out', 'out/site', '--epub-out', 'out/epub'])
    expect(code).toBe(0)
    expect(stdout).toMatch(/^edition 2023: 6 documents, 2 risks, 2 glossary terms, 0 problems\nepub: out\/epub: 2023-en \d+ KiB in \d+ ms\nsite: 14 pages, \d+ files, \d+ KiB in out\/site \(load \d+ ms, render \d+ ms\)\nbuild: done in \d+ ms\n$/)
    expect(existsSync(join(root, 'out', 'site', 'en', '2023', 'index.html'))).toBe(true)
    const epub = await readFile(join(root, 'out', 'epub', '2023-en.epub'))
    expect(epub.subarray(30, 58).toString('latin1')).toBe('mimetypeapplication/epub+zip')
    expect(await readFile(join(root, 'out', 'site', 'epub', '2023-en.epub'))).toEqual(epub)
    expect(await readFile(join(root, 'out', 'site', 'en', '2023', 'index.html'), 'utf8')).toContain('href="../../epub/2023-en.epub" type="application/epub+zip" download>Download the EPUB (')
    const data = JSON.parse(await readFile(join(root, 'out', 'site', 'data', '2023-en.json'), 'utf8'))
    expect(data.risks.map((risk: {id: string}) => risk.id)).toEqual(['ML01', 'ML02'])
    expect((await readFile(join(root, 'out', 'site', 'data', '2023-en.csv'), 'utf8')).split('\r\n')[1]).toMatch(/^ML01,1,Input Manipulation Attack,/)
    expect(JSON.parse(await readFile(join(root, 'out', 'site', 'data', 'edition.schema.json'), 'utf8')).$schema).toBe('https://json-schema.org/draft/2020-12/schema')
  })

  it('writes nothing and exits 1 when the content has problems', async () => {
    const path = join(root, 'content', 'editions', '2023', 'about.md')
    await writeFile(path, '---\ntitle: About\n---\n')
    const {code, stderr} = await run(['build', '--out', 'broken/site', '--pdf-out', 'broken/pdf'])
    await cp(join(baseEdition, 'about.md'), path)
    expect(code).toBe(1)
    expect(stderr).toContain('build stopped: fix the problems above; the previous output was left in place')
    expect(existsSync(join(root, 'broken'))).toBe(false)
  })

  it('exits 3 with what to do when the browser is missing, and writes nothing', async () => {
    const {code, stderr} = await run(['build', '--out', 'nochrome/site', '--pdf-out', 'nochrome/pdf', '--chrome', '/opt/no-such/chrome'])
    expect(code).toBe(3)
    expect(stderr).toBe('error: The browser set by the --chrome option does not exist: /opt/no-such/chrome\n  hint: Point it at a Chrome or Chromium executable (for example /usr/bin/chromium), or unset it to search the system\n')
    expect(existsSync(join(root, 'nochrome'))).toBe(false)
  })
})

describe('mltop10 locale-add', () => {
  it('creates a locale that the next build publishes in English until translated', async () => {
    const {code, stdout} = await run(['locale-add', 'pt-BR'])
    expect(code).toBe(0)
    expect(stdout).toContain('locale pt-BR (português (Brasil)) created in locales/pt-BR')
    expect(await readFile(join(root, 'locales', 'pt-BR', 'locale.yaml'), 'utf8')).toBe('code: pt-BR\nname: Brazilian Portuguese\nnativeName: português (Brasil)\ndir: ltr\nfallback: []\n')
    const build = await run(['build', '--no-pdf', '--out', 'out/with-locale'])
    // Untranslated strings are one summary line, not a warning per string: the detail is in i18n-status.
    expect(build.stderr).toBe('')
    expect(build.stdout).toMatch(/locale pt-BR: 0 of 6 pages translated, 0 outdated, 6 in English; 0 of \d+ UI strings translated \(details: pnpm i18n:status pt-BR\)\n/)
    expect(readdirSync(join(root, 'locales', 'pt-BR')).sort()).toEqual(['editions', 'locale.yaml', 'ui.json'])
    expect(build.code).toBe(0)
    const page = await readFile(join(root, 'out', 'with-locale', 'pt-br', '2023', 'about', 'index.html'), 'utf8')
    expect(page).toContain('<html lang="pt-BR" dir="ltr">')
    expect(page).toContain('This page is not translated into português (Brasil) yet; it is shown in English.')
    await rm(join(root, 'locales'), {recursive: true, force: true})
  })

  it.each([
    ['../x', 'Locale code `../x` is not a BCP 47 code'],
    ['EN_us', 'Locale code `EN_us` is not a BCP 47 code'],
    ['en-us', 'Locale code `en-us` is not in canonical form'],
    ['qq', 'Locale code `qq` names no known language']
  ])('refuses the code %s with exit code 2', async (localeCode, message) => {
    const {code, stderr} = await run(['locale-add', localeCode])
    expect(code).toBe(2)
    expect(stderr.split('\n')[0]).toBe(`error: ${message}`)
    expect(existsSync(join(root, 'locales', localeCode))).toBe(false)
  })

  it('refuses a locale that exists', async () => {
    expect((await run(['locale-add', 'de'])).code).toBe(0)
    const {code, stderr} = await run(['locale-add', 'de'])
    expect(code).toBe(2)
    expect(stderr).toContain('Locale `de` already exists at locales/de')
    await rm(join(root, 'locales'), {recursive: true, force: true})
  })
})

describe('mltop10 pdf and build with per-locale PDF tasks', () => {
  it('refuses to render a locale that does not exist', async () => {
    const {code, stderr} = await run(['pdf', '--only-locale', 'xx', '--out', 'out/none'])
    expect(stderr).toContain('error: No locale `xx` to render')
    expect(code).toBe(2)
  })

  it('says which PDF is missing when told to use prebuilt ones', async () => {
    const {code, stderr} = await run(['build', '--prebuilt-pdfs', '--out', 'out/prebuilt', '--pdf-out', 'out/prebuilt-pdf'])
    expect(stderr).toMatch(/error: The PDF .*content\/dist\/pdf\/2023-en\.pdf has not been built/)
    expect(code).toBe(2)
    expect(existsSync(join(root, 'out', 'prebuilt'))).toBe(false)
  })
})

describe('mltop10 usage', () => {
  it('exits 2 on an unknown command', async () => {
    const {code, stderr} = await run(['publish'])
    expect(code).toBe(2)
    expect(stderr).toContain('Unknown command `publish`')
  })

  it('prints usage to stderr and exits 2 when no command is given', async () => {
    const {code, stderr} = await run([])
    expect(code).toBe(2)
    expect(stderr).toMatch(/^Usage:\n {2}mltop10 check \[dir\]/)
  })

  it('prints help listing the commands and exit codes, and exits 0', async () => {
    const {code, stdout} = await run(['--help'])
    expect(code).toBe(0)
    expect(stdout).toContain('mltop10 check [dir]')
    expect(stdout).toContain('1 content problems')
  })
})
