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
