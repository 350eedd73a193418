import {execFileSync} from 'node:child_process'
import {createHash} from 'node:crypto'
import {cp, mkdir, mkdtemp, readFile, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {afterAll, describe, expect, it} from 'vitest'
import {englishStrings} from '@mltop10/i18n'
import {runCli} from '../src/index.js'

const baseEdition = fileURLToPath(new URL('../../core/test/fixtures/_base', import.meta.url))
const root = await mkdtemp(join(tmpdir(), 'mltop10-status-'))
afterAll(() => rm(root, {recursive: true, force: true}))

async function run(argv: string[]) {
  let stdout = ''
  let stderr = ''
  const code = await runCli(argv, {cwd: root, stdout: {write: (text: string) => (stdout += text)}, stderr: {write: (text: string) => (stderr += text)}})
  return {code, stdout, stderr}
}

describe('mltop10 i18n-status', () => {
  it('reports pages translated, outdated and missing, with the English changes since an outdated translation', async () => {
    const editionDir = join(root, 'content', 'editions', '2023')
    await cp(baseEdition, editionDir, {recursive: true})
    const git = (...args: string[]) => execFileSync('git', args, {cwd: root, encoding: 'utf8', env: {...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.org', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.org'}})
    git('init', '-q')
    git('add', '.')
    git('commit', '-q', '-m', 'English')
    const about = await readFile(join(editionDir, 'about.md'), 'utf8')
    const es = join(root, 'locales', 'es')
    await mkdir(join(es, 'editions', '2023'), {recursive: true})
    await writeFile(join(es, 'locale.yaml'), 'code: es\nname: Spanish\nnativeName: español\ndir: ltr\n')
    const strings = structuredClone(englishStrings()) as Record<string, unknown>
    delete strings['home']
    await writeFile(join(es, 'ui.json'), JSON.stringify(strings, null, 2))
    await writeFile(join(es, 'editions', '2023', 'about.md'), `---\nsource: ${createHash('sha256').update(about).digest('hex')}\ntitle: Acerca de\ndescription: Quiénes somos.\n---\n\nVea [la introducción](introduction.md#how-to-read-a-risk).\n`)
    await writeFile(join(editionDir, 'about.md'), about.replace('See [the introduction]', 'Read [the introduction]'))

    const {code, stdout} = await run(['i18n-status'])
    expect(code).toBe(0)
    const lines = stdout.split('\n')
    expect(lines[1]).toBe('locale        edition  translated  outdated  missing  UI strings  complete')
    expect(lines[2]).toMatch(/^es \(español\)  2023     0           1         5        \d+\/\d+ +\d+%$/)
    expect(stdout).toContain('es 2023: shown in English (start one with pnpm translate es <page>): introduction, ML01-input-manipulation-attack, ML02-data-poisoning-attack, glossary, related-resources')
    expect(stdout).toContain('es: 9 UI strings in English (translate them in locales/es/ui.json from packages/i18n/strings/en.json): home.title, home.lead,')
    expect(stdout).toContain('es 2023: locales/es/editions/2023/about.md is outdated (update it, then pnpm translate es about --accept)\nEnglish changes since its translation:')
    expect(stdout).toContain('-See [the introduction](introduction.md#how-to-read-a-risk).\n+Read [the introduction](introduction.md#how-to-read-a-risk).')

    const json = JSON.parse((await run(['i18n-status', '--json'])).stdout)
    expect(json.locales[0]).toMatchObject({locale: 'es', edition: '2023', pages: {total: 6, translated: 0, outdated: 1, missing: 5}, outdated: [{page: 'about', file: 'locales/es/editions/2023/about.md'}]})
    expect((await run(['i18n-status', 'es', '--json'])).stdout).toBe((await run(['i18n-status', '--json'])).stdout)
    const unknown = await run(['i18n-status', 'de'])
    expect([unknown.code, unknown.stderr.split('\n')[0]]).toEqual([2, 'error: No locale `de`'])
    expect(json.locales[0].ui.missing).toEqual(['home.title', 'home.lead', 'home.caption', 'home.readIntroduction', 'home.columns.risk', 'home.columns.summary', 'home.columns.exploitability', 'home.columns.detectability', 'home.columns.technicalImpact'])
  })
})
