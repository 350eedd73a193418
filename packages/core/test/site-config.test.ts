import {mkdtemp, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {formatReport, loadSiteConfig} from '../src/index.js'

const root = await mkdtemp(join(tmpdir(), 'mltop10-site-config-'))
afterAll(() => rm(root, {recursive: true, force: true}))

describe('loadSiteConfig', () => {
  it('treats a missing site.yaml as an empty configuration', async () => {
    expect(await loadSiteConfig(join(root, 'none'))).toEqual({config: {}, files: [], errorCount: 0})
  })

  it('reads a repository with defaults for branch and path', async () => {
    const dir = join(root, 'ok')
    await rm(dir, {recursive: true, force: true})
    await import('node:fs/promises').then((fs) => fs.mkdir(dir))
    await writeFile(join(dir, 'site.yaml'), 'repository:\n  url: https://github.com/example/top10\n')
    expect((await loadSiteConfig(dir)).config).toEqual({repository: {url: 'https://github.com/example/top10', branch: 'main', path: 'content'}})
  })

  it('reports a bad repository URL with its position', async () => {
    const dir = join(root, 'bad')
    await import('node:fs/promises').then((fs) => fs.mkdir(dir))
    await writeFile(join(dir, 'site.yaml'), '# settings\nrepository:\n  url: github.com/example/top10/\n')
    const result = await loadSiteConfig(dir)
    expect(result.config).toBeUndefined()
    expect(formatReport(result.files, {cwd: root})).toBe(
      'bad/site.yaml:3:8  error  Field `repository.url` must be the https URL of the repository, without a trailing slash, got `github.com/example/top10/`  invalid-field\n  hint: Correct the value (fields are listed in content/README.md)'
    )
  })
})
