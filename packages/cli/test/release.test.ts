import {execFileSync} from 'node:child_process'
import {existsSync} from 'node:fs'
import {cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {runCli} from '../src/index.js'

const baseEdition = fileURLToPath(new URL('../../core/test/fixtures/_base', import.meta.url))
const folders: string[] = []
afterAll(() => Promise.all(folders.map((folder) => rm(folder, {recursive: true, force: true}))))

const gitEnv = {...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.org', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.org'}
const git = (cwd: string, ...args: string[]) => execFileSync('git', args, {cwd, encoding: 'utf8', env: gitEnv})

async function repository(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'mltop10-release-'))
  folders.push(root)
  await cp(baseEdition, join(root, 'content', 'editions', '2023'), {recursive: true})
  await writeFile(join(root, 'content', 'editions', '2023', 'changelog.md'), '---\ntitle: Changelog\ndescription: Changes.\n---\n\nWhat changed.\n')
  const manifest = join(root, 'content', 'editions', '2023', 'edition.yaml')
  await writeFile(manifest, (await readFile(manifest, 'utf8')).replace('  - related-resources\n', '  - related-resources\n  - changelog\n'))
  await writeFile(join(root, '.gitignore'), 'release/\n')
  git(root, 'init', '-q')
  git(root, 'add', '.')
  git(root, 'commit', '-q', '-m', 'content')
  return root
}

async function run(cwd: string, argv: string[]) {
  let stdout = ''
  let stderr = ''
  const code = await runCli(argv, {cwd, stdout: {write: (text: string) => (stdout += text)}, stderr: {write: (text: string) => (stderr += text)}})
  return {code, stdout, stderr}
}

let root: string
beforeAll(async () => {
  root = await repository()
})

describe('mltop10 release', () => {
  it('writes a checksummed release and records its version, date and changes as data, touching no page', async () => {
    const {code, stdout, stderr} = await run(root, ['release', '2023', '1.1.0', '--date', '2024-02-01'])
    expect(code).toBe(0)
    expect(stdout).toContain('release 2023 1.1.0 written to release/2023/1.1.0')
    // Released without the address it will be published at: said, not silently printed as localhost.
    expect(stderr).toContain('warning: no --base-url or MLTOP10_BASE_URL: the canonical URLs, the sitemap and the link and QR code of the summary sheets point to http://localhost:8080/')
    const dir = join(root, 'release', '2023', '1.1.0')
    expect((await readdir(dir)).sort()).toEqual(['2023-en-checklist.csv', '2023-en-mappings.csv', '2023-en-summary.pdf', '2023-en.csv', '2023-en.epub', '2023-en.json', '2023-en.pdf', 'SHA256SUMS', 'edition.schema.json', 'site-2023-1.1.0.tar.gz'])
    const sums = (await readFile(join(dir, 'SHA256SUMS'), 'utf8')).trim().split('\n')
    expect(sums.map((line) => line.split('  ')[1])).toEqual(['2023-en-checklist.csv', '2023-en-mappings.csv', '2023-en-summary.pdf', '2023-en.csv', '2023-en.epub', '2023-en.json', '2023-en.pdf', 'edition.schema.json', 'site-2023-1.1.0.tar.gz'])
    execFileSync('sha256sum', ['--check', '--quiet', 'SHA256SUMS'], {cwd: dir})
    const manifest = await readFile(join(root, 'content', 'editions', '2023', 'edition.yaml'), 'utf8')
    expect(manifest).toContain('version: 1.1.0\n')
    expect(manifest).toContain('released: 2024-02-01\n')
    expect(await readFile(join(root, 'content', 'editions', '2023', 'changelog.md'), 'utf8')).toBe('---\ntitle: Changelog\ndescription: Changes.\n---\n\nWhat changed.\n')
    const records = await readFile(join(root, 'content', 'editions', '2023', 'releases.yaml'), 'utf8')
    expect(records).toContain('- version: 1.1.0\n  date: 2024-02-01\n  changes:\n    - type: first\n      edition: "2023"\n      risks: 2\n      pages: 7\n')
    expect(stdout).toContain('Version 1.1.0 (2024-02-01)\n- First release of the 2023 edition from this repository: 2 risks, 7 pages.\n')
    // The changelog page shows the record, rendered from the data.
    const page = execFileSync('tar', ['-xzOf', join(dir, 'site-2023-1.1.0.tar.gz'), './en/2023/changelog/index.html'], {encoding: 'utf8'})
    expect(page).toContain('id="release-1-1-0">Version 1.1.0 (2024-02-01)</h2>')
    expect(page).toContain('First release of the 2023 edition from this repository: 2 risks, 7 pages.')
    const data = JSON.parse(await readFile(join(dir, '2023-en.json'), 'utf8'))
    expect([data.version, data.released]).toEqual(['1.1.0', '2024-02-01'])
    const listing = execFileSync('tar', ['-tzf', join(dir, 'site-2023-1.1.0.tar.gz')], {encoding: 'utf8'})
    expect(listing).toContain('./en/2023/ml01-input-manipulation-attack/index.html')
    expect(listing).toContain('./pdf/2023-en.pdf')
    expect(listing).toContain('./epub/2023-en.epub')
    git(root, 'add', '.')
    git(root, 'commit', '-q', '-m', 'release 1.1.0')
  })

  it('is reproducible: another clone, folder, time zone, language and temporary folder give the same checksums', async () => {
    const other = await mkdtemp(join(tmpdir(), 'mltop10-release-clone-'))
    folders.push(other)
    git(other, 'clone', '-q', root, 'clone')
    const clone = join(other, 'clone')
    await rm(join(root, 'release', 'again'), {recursive: true, force: true})
    git(root, 'reset', '-q', '--hard', 'HEAD~1')
    const saved = {TZ: process.env['TZ'], TMPDIR: process.env['TMPDIR'], LANG: process.env['LANG']}
    await mkdir(join(other, 'tmp'))
    process.env['TZ'] = 'Asia/Tokyo'
    process.env['TMPDIR'] = join(other, 'tmp')
    process.env['LANG'] = 'de_DE.UTF-8'
    try {
      git(clone, 'reset', '-q', '--hard', 'HEAD~1')
      const {code} = await run(clone, ['release', '2023', '1.1.0', '--date', '2024-02-01'])
      expect(code).toBe(0)
    } finally {
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key]
        else process.env[key] = value
      }
    }
    git(root, 'reset', '-q', '--hard', 'ORIG_HEAD')
    expect(await readFile(join(clone, 'release', '2023', '1.1.0', 'SHA256SUMS'), 'utf8')).toBe(await readFile(join(root, 'release', '2023', '1.1.0', 'SHA256SUMS'), 'utf8'))
  })

  it.each([
    [['release', '2023', '1.1'], 2, 'error: Version `1.1` is not a semantic version'],
    [['release', '2023', '1.1.0'], 2, 'error: Release 2023 1.1.0 already exists at release/2023/1.1.0'],
    [['release', '2023', '1.0.5'], 2, 'error: Version 1.0.5 is not greater than the last release, 1.1.0'],
    [['release', '2024', '1.2.0'], 2, 'error: No edition `2024` in content/editions'],
    [['release', '/../../x/2023', '1.2.0'], 2, 'error: No edition `/../../x/2023` in content/editions'],
    [['release', '2023/', '1.2.0'], 2, 'error: No edition `2023/` in content/editions'],
    [['release', '2023', '1.2.0', '--date', '2024-13-45'], 2, 'error: Date `2024-13-45` is not YYYY-MM-DD']
  ])('refuses %j', async (argv, exitCode, message) => {
    const {code, stderr} = await run(root, argv)
    expect(stderr.split('\n')[0]).toBe(message)
    expect(code).toBe(exitCode)
  })

  it('refuses a dirty working tree unless allowed', async () => {
    await writeFile(join(root, 'content', 'notes.txt'), 'draft\n')
    const {code, stderr} = await run(root, ['release', '2023', '1.2.0', '--dry-run'])
    expect(code).toBe(2)
    expect(stderr).toContain('error: The working tree has uncommitted changes')
    const allowed = await run(root, ['release', '2023', '1.2.0', '--dry-run', '--allow-dirty'])
    expect(allowed.code).toBe(0)
    expect(allowed.stdout).toContain('release 2023 1.2.0 (dry run, nothing written):\nVersion 1.2.0 (')
    expect(existsSync(join(root, 'release', '2023', '1.2.0'))).toBe(false)
    expect(await readFile(join(root, 'content', 'editions', '2023', 'edition.yaml'), 'utf8')).toContain('version: 1.1.0\n')
    await rm(join(root, 'content', 'notes.txt'))
  })

  it('refuses outdated translations unless allowed, and then lists them in the changelog', async () => {
    const es = join(root, 'locales', 'es')
    await mkdir(join(es, 'editions', '2023'), {recursive: true})
    await writeFile(join(es, 'locale.yaml'), 'code: es\nname: Spanish\nnativeName: español\ndir: ltr\n')
    await writeFile(join(es, 'ui.json'), '{}\n')
    await writeFile(join(es, 'editions', '2023', 'about.md'), `---\nsource: ${'ab'.repeat(32)}\ntitle: Acerca de\ndescription: Quiénes.\n---\n\nVea [la introducción](introduction.md#how-to-read-a-risk).\n`)
    git(root, 'add', '.')
    git(root, 'commit', '-q', '-m', 'Spanish')
    const refused = await run(root, ['release', '2023', '1.2.0', '--dry-run'])
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain('error: 1 translated page is outdated: es/about')
    const allowed = await run(root, ['release', '2023', '1.2.0', '--dry-run', '--allow-outdated'])
    expect(allowed.code).toBe(0)
    expect(allowed.stdout).toContain('- Released with outdated translations: es/about\n')
    expect(allowed.stdout).toContain('2023-es.pdf')
    git(root, 'reset', '-q', '--hard', 'HEAD~1')
  })

  it('leaves nothing behind when the release fails part way', async () => {
    const saved = process.env['CHROME_PATH']
    process.env['CHROME_PATH'] = '/opt/no-such/chrome'
    try {
      const {code, stderr} = await run(root, ['release', '2023', '1.2.0'])
      expect(code).toBe(3)
      expect(stderr).toContain('The browser set by CHROME_PATH does not exist')
    } finally {
      if (saved === undefined) delete process.env['CHROME_PATH']
      else process.env['CHROME_PATH'] = saved
    }
    expect(existsSync(join(root, 'release', '2023', '1.2.0'))).toBe(false)
    expect(git(root, 'status', '--porcelain')).toBe('')
  })
})
