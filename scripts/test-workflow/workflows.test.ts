// The product's own workflows on the real repository: a copy of this working tree (the real
// content and translations, not a fixture) in a temporary folder, driven through the same
// `pnpm` commands the README gives. New content or a new translation that breaks a workflow
// fails here.
import {spawn} from 'node:child_process'
import {existsSync, readdirSync, readFileSync} from 'node:fs'
import {appendFile, mkdir, mkdtemp, rm} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {cleanEnv, copyWorkspace, seedTurboCache} from '../lib/workspace.mjs'

const repository = fileURLToPath(new URL('../..', import.meta.url))
let root = ''
let parent = ''

/** Runs a command in the copy as a user would, with CI's environment; resolves with its outcome. */
function sh(command: string, args: readonly string[], env: Record<string, string> = {}): Promise<{code: number | null; stdout: string; stderr: string}> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {cwd: root, env: cleanEnv({CI: 'true', ...env}), stdio: ['ignore', 'pipe', 'pipe']})
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', (code) => resolve({code, stdout, stderr}))
  })
}

/** Runs a command that must succeed, failing the test with its output otherwise. */
async function ok(command: string, args: readonly string[], env: Record<string, string> = {}): Promise<{stdout: string; stderr: string}> {
  const result = await sh(command, args, env)
  if (result.code !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.code}:\n${result.stdout}\n${result.stderr}`)
  return result
}

const git = (...args: string[]) => ok('git', ['-c', 'user.name=mltop10', '-c', 'user.email=mltop10@localhost', '-c', 'commit.gpgsign=false', ...args])
const status = async () => (await git('status', '--porcelain')).stdout.trimEnd()
const read = (path: string) => readFileSync(join(root, path), 'utf8')
const pagesIn = (folder: string, lang: string): number => {
  let count = 0
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, {withFileTypes: true})) {
      if (entry.isDirectory()) walk(join(dir, entry.name))
      else if (entry.name === 'index.html' && readFileSync(join(dir, entry.name), 'utf8').includes(`<html lang="${lang}"`)) count++
    }
  }
  walk(join(root, folder))
  return count
}

beforeAll(async () => {
  parent = await mkdtemp(join(tmpdir(), 'mltop10-workflows-'))
  root = join(parent, 'repository')
  copyWorkspace(repository, root)
  // The packages' builds replay from this repository's turbo cache, which `pnpm test` filled
  // before this task (its `dependsOn`), as a shared cache would on a second machine: the copy
  // builds only what these workflows change. A package without an entry is built in the copy.
  seedTurboCache(repository, root, ['build', '--filter=./packages/*'])
}, 300_000)

afterAll(async () => {
  if (parent) await rm(parent, {recursive: true, force: true, maxRetries: 3})
}, 120_000)

describe('the documented workflows on the real repository', {timeout: 600_000}, () => {
  it('checks and builds every language: site, PDFs, summary sheets and EPUBs', async () => {
    const check = await ok('pnpm', ['check'])
    // Every shipped translation is complete, current and keeps to its termbase.
    for (const locale of ['es', 'ja', 'ar', 'zh-Hans']) expect(check.stdout).toMatch(new RegExp(`locale ${locale}: 16 of 16 pages translated, 0 outdated, 0 in English; (\\d+) of \\1 UI strings translated; 0 terms off the termbase\n`))
    await ok('pnpm', ['build'])
    for (const locale of ['en', 'es', 'ja', 'ar', 'zh-Hans']) expect(existsSync(join(root, 'dist', 'pdf', `2023-${locale}.pdf`))).toBe(true)
    for (const locale of ['en', 'es', 'ja', 'ar', 'zh-Hans']) expect(existsSync(join(root, 'dist', 'pdf', `2023-${locale}-summary.pdf`))).toBe(true)
    for (const locale of ['en', 'es', 'ja', 'ar', 'zh-Hans']) expect(existsSync(join(root, 'dist', 'epub', `2023-${locale}.epub`))).toBe(true)
    expect(pagesIn('dist/site/es', 'es')).toBeGreaterThanOrEqual(16)
    expect(await status()).toBe('')
  })

  it('adds a locale that CI builds, touching only its folder, with quiet output', async () => {
    await ok('pnpm', ['locale:add', 'de'])
    await ok('pnpm', ['translate', 'de', 'about'])
    expect((await status()).split('\n')).toEqual(['?? locales/de/'])
    await ok('pnpm', ['install', '--frozen-lockfile', '--offline'])
    // Right after a build of the same content: the other languages' PDFs come from the PDF cache.
    const build = await ok('pnpm', ['build'])
    const lines = `${build.stdout}${build.stderr}`.trimEnd().split('\n')
    // About 60 lines: turbo's two per package, one per locale and PDF, one for all EPUBs.
    expect(lines.length).toBeLessThan(64)
    expect(build.stdout).toContain('locale de: 1 of 16 pages translated, 0 outdated, 15 in English; 0 of ')
    expect(existsSync(join(root, 'dist/pdf/2023-de.pdf'))).toBe(true)
    expect(existsSync(join(root, 'dist/epub/2023-de.epub'))).toBe(true)
    expect(pagesIn('dist/site/de', 'de')).toBeGreaterThanOrEqual(16)
    expect(read('dist/site/de/2023/introduction/index.html')).toContain('fallback-notice')
    expect((await status()).split('\n')).toEqual(['?? locales/de/'])
    // The next workflows start again from the repository's own languages.
    await rm(join(root, 'locales/de'), {recursive: true})
    expect(await status()).toBe('')
  })

  it('keeps building when English changes: translations become outdated, with the English diff', async () => {
    await appendFile(join(root, 'content/editions/2023/about.md'), '\n## A new section\n\nText.\n')
    await ok('sed', ['-i', 's/^## Description$/## Description\\n\\nA new opening paragraph./', 'content/editions/2023/ML04-membership-inference-attack.md'])
    await git('commit', '-qam', 'English gains a section')
    await ok('pnpm', ['check'])
    const build = await ok('pnpm', ['build'])
    expect(build.stdout).toContain('locale es: 14 of 16 pages translated, 2 outdated')
    const report = JSON.parse((await ok('pnpm', ['i18n:status', '--json'])).stdout) as {locales: {locale: string; pages: {outdated: number}; outdated: {page: string; englishChanges: string; differences: string[]}[]}[]}
    for (const code of ['es', 'ja']) {
      const locale = report.locales.find((entry) => entry.locale === code)!
      expect(locale.pages.outdated).toBe(2)
      const about = locale.outdated.find((entry) => entry.page === 'about')!
      expect(about.englishChanges).toContain('+## A new section')
      expect(about.differences.join('\n')).toContain('info  Translated page ends before the English heading `#a-new-section`')
    }
    expect(read('dist/site/es/2023/about/index.html')).toContain('outdated-notice')
    expect(read('dist/site/ja/2023/ml04-membership-inference-attack/index.html')).toContain('outdated-notice')
    // The translator refreshes the page's recorded hash once it is updated.
    const shown = await ok('pnpm', ['translate', 'es', 'about'])
    expect(shown.stdout).toContain('is outdated')
    expect(shown.stdout).toContain('+## A new section')
    await ok('pnpm', ['translate', 'es', 'ML04', '--accept'])
    const after = JSON.parse((await ok('pnpm', ['i18n:status', '--json', 'es'])).stdout) as {locales: {pages: {outdated: number}}[]}
    expect(after.locales[0]!.pages.outdated).toBe(1)
    await git('checkout', '-q', '--', '.')
    await git('reset', '-q', '--hard', 'HEAD~1')
  })

  it.each(['SIGINT', 'SIGTERM', 'SIGKILL'] as const)('leaves the tree as it was when a release is stopped by %s while it renders', async (signal) => {
    const temporary = join(parent, `tmp-${signal}`)
    await mkdir(temporary)
    // Like Ctrl-C in a terminal: the signal goes to the whole process group of the command. SIGINT
    // goes through pnpm and the root scripts' wrapper (`pnpm mltop10 release`: the wrapper of
    // `pnpm release`, with the build the first test left instead of a rebuild from source, which
    // the release test runs); the others straight to the command.
    const command = signal === 'SIGINT' ? ['pnpm', 'mltop10', 'release', '2023', '1.0.0'] : [process.execPath, 'packages/cli/bin/mltop10.js', 'release', '2023', '1.0.0']
    const child = spawn(command[0]!, command.slice(1), {cwd: root, env: cleanEnv({CI: 'true', TMPDIR: temporary}), stdio: ['ignore', 'pipe', 'pipe'], detached: true})
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve))
    await new Promise<void>((resolve, reject) => {
      let seen = ''
      let errors = ''
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        seen += chunk
        if (seen.includes('pdf: ')) resolve()
      })
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (errors += chunk))
      child.on('close', () => reject(new Error(`the release ended before it rendered:\n${seen}\n${errors}`)))
    })
    process.kill(-child.pid!, signal)
    await exited
    expect(await status()).toBe('')
    expect(existsSync(join(root, 'release', '2023', '1.0.0'))).toBe(false)
    // A signal it can handle leaves no staging folder and no Chrome profile behind.
    if (signal !== 'SIGKILL') expect(readdirSync(temporary)).toEqual([])
  })

  it('releases the edition twice in a row, checksummed, changing no translation', async () => {
    // `pnpm release` rebuilds every package from source first; it runs so once, as documented, and
    // the other releases straight through the command it built.
    const mltop10 = (...args: string[]) => ok(process.execPath, ['packages/cli/bin/mltop10.js', ...args])
    const dry = await mltop10('release', '2023', '1.0.0', '--dry-run')
    expect(dry.stdout).toContain('release 2023 1.0.0 (dry run, nothing written)')
    expect(await status()).toBe('')
    await ok('pnpm', ['release', '2023', '1.0.0', '--date', '2026-01-15'])
    await ok('sh', ['-c', 'cd release/2023/1.0.0 && sha256sum --check --quiet SHA256SUMS'])
    expect((await status()).split('\n').sort()).toEqual([' M content/editions/2023/edition.yaml', '?? content/editions/2023/releases.yaml'])
    await git('add', 'content')
    await git('commit', '-qm', 'Release 2023 1.0.0')
    await ok('pnpm', ['check'])
    await mltop10('release', '2023', '1.1.0', '--date', '2026-02-01')
    await ok('sh', ['-c', 'cd release/2023/1.1.0 && sha256sum --check --quiet SHA256SUMS'])
    const records = read('content/editions/2023/releases.yaml')
    expect(records.indexOf('- version: 1.1.0')).toBeLessThan(records.indexOf('- version: 1.0.0'))
    const page = (await ok('tar', ['-xzOf', 'release/2023/1.1.0/site-2023-1.1.0.tar.gz', './es/2023/changelog/index.html'])).stdout
    expect(page).toContain('Versión 1.1.0 (2026-02-01)')
    expect(page).toContain('Versión 1.0.0 (2026-01-15)')
    await git('add', 'content')
    await git('commit', '-qm', 'Release 2023 1.1.0')
    expect(await status()).toBe('')
  })
})
