import {existsSync} from 'node:fs'
import {mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it, vi} from 'vitest'
import {MlTop10Error} from '@mltop10/core'
import {outputMarker, outputMarkerName, prepareOutputFolders, type OutputKind} from '../src/index.js'
import {writeFileAtomically, writeFolderAtomically} from '../src/write-atomic.js'

/** A fresh temporary folder. */
function temporaryFolder(prefix: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `mltop10-${prefix}-`))
}

// A repository as users have it: sources, translations, notes, and a home folder of its own.
let root: string
let home: string
const guard = () => ({cwd: root, content: join(root, 'content'), locales: join(root, 'locales')})
const dead = 99_999_999 // above any pid_max: no such process

beforeAll(async () => {
  root = await temporaryFolder('output-repo')
  home = await temporaryFolder('output-home')
  await mkdir(join(root, '.git', 'refs'), {recursive: true})
  await writeFile(join(root, '.git', 'HEAD'), 'ref: refs/heads/main\n')
  await mkdir(join(root, 'content', 'editions', '2023'), {recursive: true})
  await writeFile(join(root, 'content', 'editions', '2023', 'about.md'), '# About\n')
  await mkdir(join(root, 'locales', 'es'), {recursive: true})
  await writeFile(join(root, 'notes.txt'), 'uncommitted notes\n')
  await mkdir(join(root, 'unrelated'))
  await writeFile(join(root, 'unrelated', 'keep.txt'), 'keep me\n')
  await mkdir(join(root, 'empty'))
  // An output of a build from before the marker existed, where turbo declares its outputs.
  await mkdir(join(root, 'dist', 'site'), {recursive: true})
  await writeFile(join(root, 'dist', 'site', 'index.html'), '<p>old build</p>\n')
  // HOME is read by os.homedir(); an empty home proves the rule, not the emptiness check.
  vi.stubEnv('HOME', home)
})
afterAll(async () => {
  vi.unstubAllEnvs()
  await Promise.all([root, home].map((folder) => rm(folder, {recursive: true, force: true})))
})

/** Every entry under a folder with its kind, size and modification time, to prove nothing changed. */
async function listing(folder: string): Promise<string[]> {
  const entries = await readdir(folder, {recursive: true})
  return Promise.all(entries.sort().map(async (entry) => {
    const info = await stat(join(folder, entry))
    return `${entry} ${info.isDirectory() ? 'dir' : info.size} ${info.mtimeMs}`
  }))
}

describe('prepareOutputFolders refuses, touching nothing', () => {
  describe.each([
    {case: 'the repository root', out: () => root, kind: 'site', message: 'Refusing to write to . (--out): it is the repository root'},
    {case: 'a folder above the repository root', out: () => join(root, '..'), kind: 'site', message: /^Refusing to write to \/.+ \(--out\): it contains the repository root \(\.\)$/},
    {case: 'the .git folder', out: () => join(root, '.git'), kind: 'site', message: 'Refusing to write to .git (--out): it is or is inside a .git folder'},
    {case: 'a folder inside .git', out: () => join(root, '.git', 'site'), kind: 'pdf', message: 'Refusing to write to .git/site (--out): it is or is inside a .git folder'},
    {case: 'the content folder', out: () => join(root, 'content'), kind: 'site', message: 'Refusing to write to content (--out): it is the content folder'},
    {case: 'the locales folder', out: () => join(root, 'locales'), kind: 'pdf', message: 'Refusing to write to locales (--out): it is the locales folder'},
    {case: 'the home folder', out: () => home, kind: 'dev', message: /^Refusing to write to \/.+mltop10-output-home-\w+ \(--out\): it is your home folder$/},
    {case: 'a file', out: () => join(root, 'notes.txt'), kind: 'site', message: 'Refusing to write to notes.txt (--out): it is a file, not a folder'},
    {case: 'a folder under a file', out: () => join(root, 'notes.txt', 'site'), kind: 'site', message: 'Refusing to write to notes.txt/site (--out): notes.txt is a file, not a folder'},
    {case: 'an unrelated folder with files', out: () => join(root, 'unrelated'), kind: 'site', message: 'Refusing to write to unrelated (--out): it holds files that mltop10 did not write (it has no .mltop10-output file)'},
    {case: 'a content subfolder', out: () => join(root, 'content', 'editions'), kind: 'pdf', message: 'Refusing to write to content/editions (--out): it holds files that mltop10 did not write (it has no .mltop10-output file)'},
    {case: 'an unrelated folder for EPUBs', out: () => join(root, 'unrelated'), kind: 'epub', message: 'Refusing to write to unrelated (--out): it holds files that mltop10 did not write (it has no .mltop10-output file)'}
  ] as const)('$case', ({out, kind, message}) => {
    it('throws an exit-code-2 error naming the folder and leaves every file as it was', async () => {
      const before = await listing(root)
      const error = await prepareOutputFolders([{dir: out(), option: '--out', kind: kind as OutputKind}], guard()).catch((caught: unknown) => caught)
      expect(error).toBeInstanceOf(MlTop10Error)
      expect((error as MlTop10Error).exitCode).toBe(2)
      if (typeof message === 'string') expect((error as Error).message).toBe(message)
      else expect((error as Error).message).toMatch(message)
      expect((error as MlTop10Error).hint).not.toBe('')
      expect(await listing(root)).toEqual(before)
    })
  })

  it('refuses output folders that overlap each other', async () => {
    const folders = [
      {dir: join(root, 'out', 'site'), option: '--out', kind: 'site' as const},
      {dir: join(root, 'out', 'site', 'pdf'), option: '--pdf-out', kind: 'pdf' as const}
    ]
    await expect(prepareOutputFolders(folders, guard())).rejects.toThrow('The output folders --out out/site and --pdf-out out/site/pdf overlap')
    expect(existsSync(join(root, 'out'))).toBe(false)
  })
})

describe('prepareOutputFolders accepts what the pipeline may replace', () => {
  it.each([
    {case: 'a missing folder', out: 'new/site'},
    {case: 'an empty folder', out: 'empty'},
    {case: 'a folder directly under a dist/ folder of the repository, from a build before the marker', out: 'dist/site'}
  ])('$case', async ({out}) => {
    await expect(prepareOutputFolders([{dir: join(root, out), option: '--out', kind: 'site'}], guard())).resolves.toBeUndefined()
  })

  it('replaces a folder marked by an earlier build, and the new one carries the marker', async () => {
    const out = join(root, 'marked')
    await writeFolderAtomically(out, new Map([[outputMarkerName, outputMarker('site')], ['old.html', 'old']]))
    await prepareOutputFolders([{dir: out, option: '--out', kind: 'site'}], guard())
    await writeFolderAtomically(out, new Map([[outputMarkerName, outputMarker('site')], ['new.html', 'new']]))
    expect((await readdir(out)).sort()).toEqual([outputMarkerName, 'new.html'])
    expect(JSON.parse(await readFile(join(out, outputMarkerName), 'utf8'))).toMatchObject({writtenBy: 'mltop10', output: 'site'})
  })
})

describe('recovery from a killed build', () => {
  it('puts the previous site back when a build died between the two renames, and removes its work folders', async () => {
    const parent = await temporaryFolder('output-killed')
    const out = join(parent, 'site')
    // What `writeFolderAtomically` leaves when killed after moving the old site aside.
    await mkdir(join(parent, `site.old-${dead}`))
    await writeFile(join(parent, `site.old-${dead}`, outputMarkerName), outputMarker('site'))
    await writeFile(join(parent, `site.old-${dead}`, 'index.html'), 'previous site')
    await mkdir(join(parent, `site.tmp-${dead}`))
    await writeFile(join(parent, `site.tmp-${dead}`, 'index.html'), 'half-written site')
    // A build that is still running keeps its work folder.
    await mkdir(join(parent, `site.tmp-${process.ppid}`))
    await prepareOutputFolders([{dir: out, option: '--out', kind: 'site'}], {cwd: parent, content: join(parent, 'content'), locales: join(parent, 'locales')})
    expect(await readFile(join(out, 'index.html'), 'utf8')).toBe('previous site')
    expect((await readdir(parent)).sort()).toEqual(['site', `site.tmp-${process.ppid}`])
    await rm(parent, {recursive: true, force: true})
  })

  it('refuses a folder moved aside by a killed build when it was not the pipeline\'s', async () => {
    const parent = await temporaryFolder('output-killed-foreign')
    await mkdir(join(parent, `notes.old-${dead}`))
    await writeFile(join(parent, `notes.old-${dead}`, 'mine.txt'), 'mine')
    const before = await listing(parent)
    await expect(prepareOutputFolders([{dir: join(parent, 'notes'), option: '--out', kind: 'site'}], {cwd: parent, content: join(parent, 'content'), locales: join(parent, 'locales')})).rejects.toThrow('it holds files that mltop10 did not write')
    expect(await listing(parent)).toEqual(before)
    await rm(parent, {recursive: true, force: true})
  })

  it('writeFolderAtomically repairs a killed swap itself, so a library build recovers too', async () => {
    const parent = await temporaryFolder('output-killed-library')
    const out = join(parent, 'site')
    await mkdir(join(parent, `site.old-${dead}`))
    await mkdir(join(parent, `site.tmp-${dead}`))
    await writeFolderAtomically(out, new Map([['index.html', 'new site']]))
    expect(await readdir(parent)).toEqual(['site'])
    expect(await readFile(join(out, 'index.html'), 'utf8')).toBe('new site')
    await rm(parent, {recursive: true, force: true})
  })

  it('removes PDFs half-written by a dead process and keeps finished ones', async () => {
    const out = join(root, 'pdf-out')
    await mkdir(out)
    await writeFile(join(out, outputMarkerName), outputMarker('pdf'))
    await writeFile(join(out, '2023-en.pdf'), '%PDF-1.7 finished')
    await writeFile(join(out, `2023-es.pdf.tmp-${dead}`), '%PDF-1.7 half')
    await prepareOutputFolders([{dir: out, option: '--pdf-out', kind: 'pdf'}], guard())
    expect((await readdir(out)).sort()).toEqual([outputMarkerName, '2023-en.pdf'])
  })
})

describe('writeFileAtomically', () => {
  it('replaces a file through a work file that the stale-work cleanup recognises, and leaves none behind', async () => {
    const folder = await temporaryFolder('mltop10-write-file-')
    const path = join(folder, '2023-en.pdf')
    await writeFile(path, 'old')
    await writeFileAtomically(path, 'new')
    expect(await readFile(path, 'utf8')).toBe('new')
    expect(await readdir(folder)).toEqual(['2023-en.pdf'])
    // A failed write (its folder is gone) leaves the target and no work file.
    await expect(writeFileAtomically(join(folder, 'missing', 'x.pdf'), 'x')).rejects.toMatchObject({code: 'ENOENT'})
    expect(await readdir(folder)).toEqual(['2023-en.pdf'])
  })
})
