import {createHash} from 'node:crypto'
import {cp, mkdir, mkdtemp, readFile, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {afterAll, describe, expect, it} from 'vitest'
import {launchBrowser} from '@mltop10/browser'
import {englishStrings} from '@mltop10/i18n'
import {devCommand} from '../src/commands/dev.js'

const baseEdition = fileURLToPath(new URL('../../core/test/fixtures/_base', import.meta.url))
const root = await mkdtemp(join(tmpdir(), 'mltop10-dev-'))
const editionDir = join(root, 'content', 'editions', '2023')
await cp(baseEdition, editionDir, {recursive: true})
// A Spanish locale beside the content, with one translated page.
const esDir = join(root, 'locales', 'es')
await mkdir(join(esDir, 'editions', '2023'), {recursive: true})
await writeFile(join(esDir, 'locale.yaml'), 'code: es\nname: Spanish\nnativeName: español\ndir: ltr\n')
await writeFile(join(esDir, 'ui.json'), JSON.stringify(englishStrings(), null, 2))
const aboutHash = createHash('sha256').update(await readFile(join(editionDir, 'about.md'))).digest('hex')
await writeFile(join(esDir, 'editions', '2023', 'about.md'), `---\nsource: ${aboutHash}\ntitle: Acerca de\ndescription: Quiénes somos.\n---\n\nVea [la introducción](introduction.md#how-to-read-a-risk).\n`)
afterAll(async () => {
  await rm(root, {recursive: true, force: true})
})

describe('mltop10 dev', () => {
  it('serves the site, rebuilds on a content edit and reloads the open page', async () => {
    const stop = new AbortController()
    const output: string[] = []
    const io = {cwd: root, stdout: {write: (text: string) => output.push(text)}, stderr: {write: (text: string) => output.push(text)}}
    const running = devCommand({dir: 'content', out: 'dist/dev', port: 0, signal: stop.signal}, io)
    const chrome = await launchBrowser()
    try {
      let url: string | undefined
      for (let attempt = 0; attempt < 100 && !url; attempt++) {
        url = /serving .* at (\S+)/.exec(output.join(''))?.[1]
        if (!url) await new Promise((resolve) => setTimeout(resolve, 50))
      }
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/)
      const page = await chrome.browser.newPage()
      await page.goto(new URL('en/2023/about/', url).href, {waitUntil: 'load'})
      expect(await page.$eval('h1', (node) => node.textContent)).toBe('About')
      await page.waitForFunction(() => performance.getEntriesByType('resource').some((entry) => entry.name.includes('dev-reload.js')))
      await new Promise((resolve) => setTimeout(resolve, 200))

      const path = join(editionDir, 'about.md')
      await writeFile(path, (await readFile(path, 'utf8')).replace('title: About', 'title: About us'))
      await page.waitForFunction(() => document.querySelector('h1')?.textContent === 'About us', {timeout: 10_000})

      // A translator's edit to a locale page reloads that page too.
      await page.goto(new URL('es/2023/about/', url).href, {waitUntil: 'load'})
      expect(await page.$eval('h1', (node) => node.textContent)).toBe('Acerca de')
      await new Promise((resolve) => setTimeout(resolve, 200))
      const esPath = join(esDir, 'editions', '2023', 'about.md')
      await writeFile(esPath, (await readFile(esPath, 'utf8')).replace('title: Acerca de', 'title: Sobre nosotros'))
      await page.waitForFunction(() => document.querySelector('h1')?.textContent === 'Sobre nosotros', {timeout: 10_000})

      await writeFile(path, '---\ntitle: Broken\n---\n')
      await new Promise((resolve) => setTimeout(resolve, 600))
      expect(output.join('')).toContain('Missing required field `description`')
      expect(await (await fetch(new URL('en/2023/about/', url))).text()).toContain('About us')
    } finally {
      await chrome.close()
      stop.abort()
    }
    expect(await running).toBe(0)
  })
})

describe('mltop10 dev, after a save', () => {
  it('renders again the pages a page edit affects in every language, everything after a UI strings edit, and reports a broken link while serving on', async () => {
    const site = await mkdtemp(join(tmpdir(), 'mltop10-dev-pages-'))
    const english = join(site, 'content', 'editions', '2023')
    await cp(baseEdition, english, {recursive: true})
    const spanish = join(site, 'locales', 'es')
    await mkdir(join(spanish, 'editions', '2023'), {recursive: true})
    await writeFile(join(spanish, 'locale.yaml'), 'code: es\nname: Spanish\nnativeName: español\ndir: ltr\n')
    await writeFile(join(spanish, 'ui.json'), JSON.stringify(englishStrings(), null, 2))
    const hash = createHash('sha256').update(await readFile(join(english, 'about.md'))).digest('hex')
    await writeFile(join(spanish, 'editions', '2023', 'about.md'), `---\nsource: ${hash}\ntitle: Acerca de\ndescription: Quiénes somos.\n---\n\nVea [la introducción](introduction.md#how-to-read-a-risk).\n`)

    const stop = new AbortController()
    const output: string[] = []
    const io = {cwd: site, stdout: {write: (text: string) => output.push(text)}, stderr: {write: (text: string) => output.push(text)}}
    const running = devCommand({dir: 'content', out: 'dist/dev', port: 0, signal: stop.signal}, io)
    const waitFor = async (what: string, test: () => boolean | Promise<boolean>) => {
      for (let attempt = 0; attempt < 400; attempt++) {
        if (await test()) return
        await new Promise((resolve) => setTimeout(resolve, 25))
      }
      throw new Error(`timed out waiting for ${what}:\n${output.join('')}`)
    }
    /** Saves a file and waits for the build or the report that follows. */
    const save = async (path: string, change: (text: string) => string, until = /dev: built in \d+ ms \((\w+) of (\d+) pages rendered\)\n/) => {
      const seen = output.length
      await writeFile(path, change(await readFile(path, 'utf8')))
      let match: RegExpExecArray | null = null
      await waitFor(`the build after saving ${path}`, () => (match = until.exec(output.slice(seen).join(''))) !== null)
      return match!
    }
    try {
      await waitFor('the server', () => /serving .* at (\S+)/.test(output.join('')))
      const url = /serving .* at (\S+)/.exec(output.join(''))![1]!
      const get = async (path: string) => (await fetch(new URL(path, url))).text()

      // A body edit of an English page: that page in English and where Spanish shows it (untranslated), and nothing else.
      const introduction = join(english, 'introduction.md')
      const [, rendered, total] = await save(introduction, (text) => text.replace('Start with', 'Begin with'))
      expect(Number(rendered)).toBeLessThan(Number(total))
      expect(await get('en/2023/introduction/')).toContain('Begin with')
      expect(await get('es/2023/introduction/')).toContain('Begin with')
      // Search follows: the index is built when asked for (or soon after the reload) and written.
      expect(await get('en/2023/search-index.json')).toContain('Begin with')
      await waitFor('the search index on disk', async () => (await readFile(join(site, 'dist', 'dev', 'en', '2023', 'search-index.json'), 'utf8')).includes('Begin with'))

      // A title change: every page of the language lists it in its navigation.
      await save(introduction, (text) => text.replace('title: Introduction', 'title: Getting started'))
      for (const path of ['en/2023/about/', 'en/2023/', 'es/2023/about/']) expect(await get(path)).toContain('Getting started')

      // A translation's edit renders the Spanish page again.
      await save(join(spanish, 'editions', '2023', 'about.md'), (text) => text.replace('Quiénes somos.', 'Quién lo escribe.'))
      expect(await get('es/2023/about/')).toContain('Quién lo escribe.')

      // UI strings are on every page: everything is rendered again.
      const [, all] = await save(join(spanish, 'ui.json'), (text) => text.replace('"home": "Home"', '"home": "Inicio"'))
      expect(all).toBe('all')
      expect(await get('es/2023/about/')).toContain('Inicio')

      // A broken link is reported with its source; the server keeps serving the last good site, and picks up the fix.
      await save(join(english, 'about.md'), (text) => text.replace('introduction.md#how-to-read-a-risk', 'introduction.md#no-such-section'), /still serving the last good build\n/)
      expect(output.join('')).toMatch(/about\.md:\d+:\d+ +error +.*no-such-section/)
      expect(await get('en/2023/about/')).toContain('how-to-read-a-risk')
      await save(join(english, 'about.md'), (text) => text.replace('#no-such-section', '#how-to-read-a-risk'))
      expect(await get('en/2023/about/')).toContain('how-to-read-a-risk')
    } finally {
      stop.abort()
      expect(await running).toBe(0)
      await rm(site, {recursive: true, force: true})
    }
  })
})
