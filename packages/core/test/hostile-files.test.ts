import {execFileSync} from 'node:child_process'
import {cp, mkdir, mkdtemp, rename, rm, symlink, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {formatReport, loadEdition, loadSiteConfig} from '../src/index.js'
import {fixturesDir} from './helpers.js'

const roots: string[] = []
afterAll(() => Promise.all(roots.map((root) => rm(root, {recursive: true, force: true}))))

/** A content folder `<root>/content/editions/2023` holding the valid base edition, and a folder outside it. */
async function prepareContent(): Promise<{root: string; content: string; editionDir: string; outside: string}> {
  const root = await mkdtemp(join(tmpdir(), 'mltop10-hostile-'))
  roots.push(root)
  const content = join(root, 'content')
  const editionDir = join(content, 'editions', '2023')
  const outside = join(root, 'outside')
  await cp(join(fixturesDir, '_base'), editionDir, {recursive: true})
  await mkdir(outside)
  return {root, content, editionDir, outside}
}

async function check(editionDir: string, root: string): Promise<{report: string; published: boolean}> {
  const result = await loadEdition(editionDir)
  return {report: formatReport(result.files, {cwd: root, hints: false}), published: result.edition !== undefined}
}

describe('symbolic links in the content folder', () => {
  it('refuses a page that links to a file outside the content folder, without reading it', async () => {
    const {root, editionDir, outside} = await prepareContent()
    await rename(join(editionDir, 'about.md'), join(outside, 'about.md'))
    await symlink(join(outside, 'about.md'), join(editionDir, 'about.md'))
    expect(await check(editionDir, root)).toEqual({report: 'content/editions/2023/about.md:1:1  error  Symbolic link leads outside the folder it is in  symlink-outside', published: false})
  })

  it('refuses every file of an edition folder that is a link to a folder outside', async () => {
    const {root, content, editionDir, outside} = await prepareContent()
    await rename(editionDir, join(outside, '2023'))
    await symlink(join(outside, '2023'), editionDir)
    const {report, published} = await check(editionDir, root)
    expect(published).toBe(false)
    expect(report.split('\n')).toHaveLength(7)
    expect(report).toContain('content/editions/2023/edition.yaml:1:1  error  Symbolic link leads outside the folder it is in  symlink-outside')
    await writeFile(join(outside, 'site.yaml'), 'repository: https://github.com/OWASP/www-project-machine-learning-security-top-10\n')
    await symlink(join(outside, 'site.yaml'), join(content, 'site.yaml'))
    expect((await loadSiteConfig(content)).errorCount).toBe(1)
  })

  it('accepts a link that stays inside the content folder', async () => {
    const {root, content, editionDir} = await prepareContent()
    await mkdir(join(content, 'shared'))
    await rename(join(editionDir, 'about.md'), join(content, 'shared', 'about.md'))
    await symlink(join('..', '..', 'shared', 'about.md'), join(editionDir, 'about.md'))
    expect(await check(editionDir, root)).toEqual({report: '', published: true})
  })

  it('reports a broken link and a named pipe instead of hanging on them', async () => {
    const {root, editionDir} = await prepareContent()
    await rm(join(editionDir, 'about.md'))
    await symlink(join(root, 'missing.md'), join(editionDir, 'about.md'))
    await rm(join(editionDir, 'glossary.md'))
    execFileSync('mkfifo', [join(editionDir, 'glossary.md')])
    const {report} = await check(editionDir, root)
    expect(report).toContain('content/editions/2023/about.md:1:1  error  File cannot be read: it is a broken symbolic link  file-kind')
    expect(report).toContain('content/editions/2023/glossary.md:1:1  error  Not a regular file  file-kind')
  }, 10_000)
})
