import {rm} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {mkdtempSync} from 'node:fs'
import {AxePuppeteer} from '@axe-core/puppeteer'
import type {Page} from 'puppeteer'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {launchBrowser, type LaunchedBrowser} from '@mltop10/browser'
import {loadEdition} from '@mltop10/core'
import {loadLocales, sourceLanguage} from '@mltop10/i18n'
import {buildSite, serveSite, type SiteServer} from '@mltop10/site'

const editionDir = fileURLToPath(new URL('../editions/2023/', import.meta.url))
const localesDir = fileURLToPath(new URL('../../locales/', import.meta.url))
const root = mkdtempSync(join(tmpdir(), 'mltop10-browser-'))
const outDir = join(root, 'site')
let server: SiteServer
let chrome: LaunchedBrowser
let pagePaths: string[] = []

beforeAll(async () => {
  const {edition} = await loadEdition(editionDir)
  if (!edition) throw new Error('the 2023 edition does not validate: run pnpm check')
  const {locales, errorCount} = await loadLocales(localesDir, [edition])
  if (errorCount > 0) throw new Error('the locales do not validate: run pnpm check')
  await buildSite({languages: [sourceLanguage([edition]), ...locales], outDir, baseUrl: 'https://example.org/'})
  server = await serveSite({dir: outDir, port: 0})
  chrome = await launchBrowser()
  pagePaths = ['en/2023/', 'en/2023/search/?q=poisoning', ...edition.documents.map((document) => `en/2023/${document.name.toLowerCase()}/`), 'es/2023/', 'es/2023/ml02-data-poisoning-attack/', 'es/2023/contributing/', 'ja/2023/glossary/', 'ja/2023/ml07-transfer-learning-attack/', 'ar/2023/', 'ar/2023/ml01-input-manipulation-attack/', 'ar/2023/glossary/', 'en/2023/translations/', 'ar/2023/translations/', 'en/2023/mappings/', 'ja/2023/mappings/', 'ar/2023/mappings/']
})

afterAll(async () => {
  await chrome?.close()
  await server?.close()
  await rm(root, {recursive: true, force: true})
})

/** Opens a page, failing on any request to another host and on any CSP violation or script error. */
async function open(path: string, viewport = {width: 1280, height: 900}): Promise<{page: Page; problems: string[]}> {
  const page = await chrome.browser.newPage()
  await page.setViewport(viewport)
  const problems: string[] = []
  page.on('request', (request) => {
    if (!request.url().startsWith(server.url) && !request.url().startsWith('data:')) problems.push(`request to ${request.url()}`)
  })
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().includes('404')) problems.push(`console: ${message.text()}`)
  })
  page.on('pageerror', (error) => problems.push(`script error: ${(error as Error).message}`))
  await page.goto(new URL(path, server.url).href, {waitUntil: 'load'})
  return {page, problems}
}

/** Counts distinct colours in a screenshot, drawn into a canvas of a blank page. */
async function distinctColours(page: Page): Promise<number> {
  const png = await page.screenshot({encoding: 'base64'})
  const probe = await chrome.browser.newPage()
  const count = await probe.evaluate(async (data) => {
    const image = new Image()
    image.src = `data:image/png;base64,${data}`
    await image.decode()
    const canvas = new OffscreenCanvas(image.width, image.height)
    const context = canvas.getContext('2d')!
    context.drawImage(image, 0, 0)
    const pixels = context.getImageData(0, 0, image.width, image.height).data
    const colours = new Set<number>()
    for (let index = 0; index < pixels.length; index += 16) colours.add((pixels[index]! << 16) | (pixels[index + 1]! << 8) | pixels[index + 2]!)
    return colours.size
  }, png)
  await probe.close()
  return count
}

describe('the built site in Chromium', () => {
  it('opens the home page, shows content, and follows a risk link', async () => {
    const {page, problems} = await open('en/2023/')
    expect(await page.$eval('h1', (node) => node.textContent)).toBe('OWASP Machine Learning Security Top 10')
    expect(await page.$$eval('.risk-card', (cards) => cards.length)).toBe(10)
    expect(await distinctColours(page)).toBeGreaterThan(20)
    await Promise.all([page.waitForNavigation(), page.click('.risk-card a[href*="ml04"]')])
    expect(new URL(page.url()).pathname).toBe('/en/2023/ml04-membership-inference-attack/')
    expect(await page.$eval('h1', (node) => node.textContent)).toBe('ML04:2023 Membership Inference Attack')
    expect(problems).toEqual([])
    await page.close()
  })

  it('searches from the header and lands on a matching section', async () => {
    const {page, problems} = await open('en/2023/ml01-input-manipulation-attack/')
    await page.type('#site-search', 'poisoning')
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')])
    await page.waitForSelector('.search-hits a')
    expect(await page.$eval('#search-results h2', (node) => node.textContent)).toMatch(/^\d+ results for “poisoning”$/)
    const first = await page.$eval('.search-hits a', (node) => node.getAttribute('href'))
    expect(first).toMatch(/^\.\.\/[a-z\d-]+\/(#[a-z\d-]+)?$/)
    await Promise.all([page.waitForNavigation(), page.click('.search-hits a')])
    expect(page.url()).toContain('/en/2023/')
    expect(problems).toEqual([])
    await page.close()
  })

  it('says so when nothing matches', async () => {
    const {page} = await open('en/2023/search/?q=qwertyuiop')
    await page.waitForFunction(() => document.querySelector('#search-results h2') !== null)
    expect(await page.$eval('#search-results h2', (node) => node.textContent)).toBe('No results for “qwertyuiop”.')
    await page.close()
  })

  it('toggles the dark theme and keeps the choice across pages', async () => {
    const {page} = await open('en/2023/glossary/')
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor)
    const light = await background()
    await page.click('button.theme-toggle')
    expect(await page.$eval('html', (node) => node.dataset['theme'])).toBe('dark')
    expect(await page.$eval('button.theme-toggle', (node) => node.getAttribute('aria-pressed'))).toBe('true')
    const dark = await background()
    expect(dark).not.toBe(light)
    await page.goto(new URL('en/2023/about/', server.url).href)
    expect(await background()).toBe(dark)
    await page.click('button.theme-toggle')
    expect(await background()).toBe(light)
    await page.close()
  })

  it('answers a missing address with the 404 page', async () => {
    const page = await chrome.browser.newPage()
    const response = await page.goto(new URL('en/2023/no-such-risk/', server.url).href)
    expect(response?.status()).toBe(404)
    expect(await page.$eval('h1', (node) => node.textContent)).toBe('Page not found')
    expect(await page.$eval('style', (node) => (node as HTMLStyleElement).sheet !== null)).toBe(true)
    await page.close()
  })

  it('styles the 404 page and points its links at the right base under a sub-path the build did not know', async () => {
    const {page, problems} = await open('some/sub/path/en/2023/no-such-risk/')
    expect(await page.$eval('h1', (node) => node.textContent)).toBe('Page not found')
    // Styled by its inline stylesheet (the CSP allows it by hash): the header has its own background.
    expect(await page.$eval('.site-header', (node) => getComputedStyle(node).display)).toBe('flex')
    const links = await page.$$eval('main a, .brand', (nodes) => nodes.map((node) => new URL((node as HTMLAnchorElement).href).pathname))
    expect(links).toContain('/some/sub/path/en/2023/')
    expect(await page.$eval('form.search-form', (node) => new URL((node as HTMLFormElement).action).pathname)).toBe('/some/sub/path/en/2023/search/')
    expect(problems).toEqual([])
    await page.close()
  })

  it('redirects a former slug to the renamed risk', async () => {
    const {page} = await open('en/2023/ml05-model-stealing/')
    await page.waitForFunction(() => location.pathname.includes('ml05-model-theft'))
    expect(new URL(page.url()).pathname).toBe('/en/2023/ml05-model-theft/')
    await page.close()
  })

  it('offers a skip link to the keyboard and moves focus into the content', async () => {
    const {page} = await open('en/2023/ml02-data-poisoning-attack/')
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('skip-link')
    const box = await page.$eval('.skip-link', (node) => node.getBoundingClientRect().top)
    expect(box).toBeGreaterThanOrEqual(0)
    await page.keyboard.press('Enter')
    expect(await page.evaluate(() => location.hash)).toBe('#main')
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.closest('main') !== null)).toBe(true)
    await page.close()
  })

  it('reads well on a phone: no sideways scrolling and a working menu', async () => {
    const {page, problems} = await open('en/2023/ml06-ai-supply-chain-attacks/', {width: 375, height: 740})
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375)
    expect(await page.$eval('#site-nav', (node) => getComputedStyle(node).display)).toBe('none')
    await page.click('button.menu-toggle')
    expect(await page.$eval('#site-nav', (node) => getComputedStyle(node).display)).toBe('block')
    expect(await distinctColours(page)).toBeGreaterThan(10)
    expect(problems).toEqual([])
    await page.close()
  })

  it.each(['en/2023/', 'ar/2023/', 'ja/2023/ml01-input-manipulation-attack/'])('keeps header, edition facts and draft banner to a third of a phone screen: %s', async (path) => {
    const {page} = await open(path, {width: 375, height: 740})
    const bottom = await page.$eval('.draft-banner', (node) => node.getBoundingClientRect().bottom)
    expect(bottom).toBeLessThanOrEqual(740 / 3)
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375)
    await page.close()
  })

  it('prints without navigation', async () => {
    const {page} = await open('en/2023/ml03-model-inversion-attack/')
    await page.emulateMediaType('print')
    expect(await page.$eval('.site-nav', (node) => getComputedStyle(node).display)).toBe('none')
    expect(await page.$eval('.site-header', (node) => getComputedStyle(node).display)).toBe('none')
    const pdf = await page.pdf({format: 'A4'})
    expect(pdf.byteLength).toBeGreaterThan(10_000)
    await page.close()
  })
})

describe('translated editions in Chromium', () => {
  it('switches language to the same page', async () => {
    const {page, problems} = await open('en/2023/ml02-data-poisoning-attack/')
    await Promise.all([page.waitForNavigation(), page.click('nav.languages a[lang="es"]')])
    expect(new URL(page.url()).pathname).toBe('/es/2023/ml02-data-poisoning-attack/')
    expect(await page.$eval('html', (node) => node.lang)).toBe('es')
    expect(await page.$eval('h1', (node) => node.textContent)).toContain('ML02:2023')
    expect(problems).toEqual([])
    await page.close()
  })

  it.each([
    {path: 'ja/2023/search/?q=ポイズニング', pages: ['ml02-data-poisoning-attack', 'ml10-model-poisoning']},
    {path: 'zh-hans/2023/search/?q=投毒', pages: ['ml02-data-poisoning-attack', 'ml10-model-poisoning']},
    {path: 'ar/2023/search/?q=التسميم', pages: ['ml02-data-poisoning-attack']},
    {path: 'es/2023/search/?q=envenenamiento', pages: ['ml02-data-poisoning-attack']}
  ])('finds words in every script: $path', async ({path, pages}) => {
    const {page} = await open(path)
    await page.waitForSelector('.search-hits a')
    const targets = await page.$$eval('.search-hits a', (links) => links.map((link) => new URL(link.href).pathname))
    for (const name of pages) expect(targets.some((target) => target.includes(`/${name}/`)), `${path} -> ${name}`).toBe(true)
    await page.close()
  })

  it('draws every native name in the language switcher with real glyphs, not empty boxes, on a page in another script', async () => {
    const {page, problems} = await open('en/2023/')
    const names = await page.$$eval('nav.languages a', async (links) => {
      const results: {name: string; distinct: boolean}[] = []
      for (const link of links) {
        const name = link.textContent ?? ''
        const characters = [...new Set(name)].filter((character) => character.trim())
        const font = getComputedStyle(link).font
        await document.fonts.load(font, name)
        // A missing glyph is drawn as the same box whatever the character: compare two of them.
        const draw = (character: string) => {
          const canvas = new OffscreenCanvas(64, 64)
          const context = canvas.getContext('2d')!
          context.font = font
          context.fillText(character, 8, 40)
          return context.getImageData(0, 0, 64, 64).data.join(',')
        }
        results.push({name, distinct: characters.length < 2 || draw(characters[0]!) !== draw(characters[1]!)})
      }
      return results
    })
    expect(names.map((entry) => entry.name)).toEqual(expect.arrayContaining(['日本語', '简体中文', 'العربية']))
    for (const entry of names) expect(entry.distinct, entry.name).toBe(true)
    expect(problems).toEqual([])
    await page.close()
  })

  it('finds Spanish pages with a Spanish query', async () => {
    const {page} = await open('es/2023/search/?q=envenenamiento')
    await page.waitForSelector('.search-hits a')
    const first = await page.$eval('.search-hits a', (node) => node.textContent)
    expect(first).toMatch(/envenenamiento/i)
    await page.close()
  })

  it('lays Arabic out right to left, in Arabic throughout', async () => {
    const {page} = await open('ar/2023/about/')
    expect(await page.$eval('html', (node) => node.dir)).toBe('rtl')
    // The Arabic edition is complete: no page falls back to English (marked lang="en" when one does).
    expect(await page.$eval('article', (node) => node.lang)).toBe('')
    const navLeft = await page.$eval('#site-nav', (node) => node.getBoundingClientRect().left)
    const mainLeft = await page.$eval('main', (node) => node.getBoundingClientRect().left)
    expect(navLeft).toBeGreaterThan(mainLeft)
    await page.close()
  })

  it('isolates Latin runs in Arabic pages: code, links and risk ids keep their order, punctuation stays outside them', async () => {
    const {page} = await open('ar/2023/ml06-ai-supply-chain-attacks/')
    const runs = await page.$$eval('article section code, article section a, .risk-id, nav .nav-id', (nodes) =>
      nodes.map((node) => ({tag: node.tagName, text: node.textContent, bidi: getComputedStyle(node).unicodeBidi, direction: getComputedStyle(node).direction}))
    )
    expect(runs.filter((run) => run.tag === 'CODE').length).toBeGreaterThan(0)
    for (const run of runs) expect(['isolate', 'plaintext'], `${run.tag} ${run.text}`).toContain(run.bidi)
    for (const run of runs.filter((run) => run.tag === 'CODE' || /ML\d\d/.test(run.text ?? ''))) expect(run.direction, `${run.tag} ${run.text}`).toBe('ltr')
    // An English reference reads left to right, its full stop after (right of) its last word.
    const reference = await page.$$eval('.section-references li', (items) => {
      const item = items.find((candidate) => /^[A-Za-z]/.test(candidate.textContent ?? '') && /[a-z0-9]\.$/.test((candidate.textContent ?? '').trim()))!
      const walker = document.createTreeWalker(item, NodeFilter.SHOW_TEXT)
      let last: Text | undefined
      while (walker.nextNode()) if ((walker.currentNode.textContent ?? '').trim()) last = walker.currentNode as Text
      const end = last!.textContent!.trimEnd().length
      const box = (start: number) => {
        const range = document.createRange()
        range.setStart(last!, start)
        range.setEnd(last!, start + 1)
        return range.getBoundingClientRect().left
      }
      return {stop: box(end - 1), letter: box(end - 2), direction: getComputedStyle(item).direction}
    })
    expect(reference.direction).toBe('ltr')
    expect(reference.stop).toBeGreaterThan(reference.letter)
    await page.close()
  })

  it.each(['en', 'es', 'ja', 'ar', 'zh-hans'])('draws the %s risk map without overlaps: legend, ticks and axis labels each in their own place', async (locale) => {
    const {page} = await open(`${locale}/2023/`)
    const boxes = await page.$eval('.risk-map-chart', (svg) => {
      const box = (node: Element) => {
        const rect = node.getBoundingClientRect()
        return {text: node.textContent ?? '', className: node.getAttribute('class') ?? '', left: rect.left, right: rect.right, top: rect.top, bottom: rect.bottom}
      }
      return {svg: box(svg), texts: [...svg.querySelectorAll('text')].map(box), keys: [...svg.querySelectorAll('.map-key')].map(box), cells: [...svg.querySelectorAll('.map-cell')].map(box)}
    })
    type Box = (typeof boxes)['svg']
    const overlap = (a: Box, b: Box) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5
    for (const text of boxes.texts) {
      expect(text.left, text.text).toBeGreaterThanOrEqual(boxes.svg.left - 0.5)
      expect(text.right, text.text).toBeLessThanOrEqual(boxes.svg.right + 0.5)
    }
    // Labels outside the marks (ticks, axis titles, legend) never overlap one another or a legend key.
    const free = boxes.texts.filter((text) => !text.className.includes('map-label'))
    for (const [index, a] of free.entries()) {
      for (const b of free.slice(index + 1)) expect(overlap(a, b), `${a.text} / ${b.text}`).toBe(false)
      for (const key of boxes.keys) expect(overlap(a, key), `${a.text} / legend key`).toBe(false)
    }
    // Tick numbers of the vertical axis sit left of the grid.
    const gridLeft = Math.min(...boxes.cells.map((cell) => cell.left))
    for (const tick of boxes.texts.filter((text) => text.className.includes('map-tick') && text.right <= gridLeft + 1)) expect(tick.right).toBeLessThanOrEqual(gridLeft)
    expect(boxes.texts.filter((text) => text.className.includes('map-tick') && text.right <= gridLeft).length).toBe(5)
    await page.close()
  })
})

describe('the accessibility check itself', () => {
  it('catches a contrast failure when one is injected', async () => {
    const {page} = await open('en/2023/about/')
    await page.evaluate(() => {
      const text = document.createElement('p')
      text.textContent = 'Barely visible'
      text.style.color = '#f4f4f4'
      document.querySelector('main')?.append(text)
    })
    const results = await new AxePuppeteer(page).withTags(['wcag2aa']).analyze()
    expect(results.violations.map((violation) => violation.id)).toContain('color-contrast')
    await page.close()
  })
})

describe.each(['light', 'dark'])('accessibility in the %s theme', (theme) => {
  it('has zero axe violations (WCAG 2.1 A and AA) on every page, and no external requests', async () => {
    const report: string[] = []
    for (const path of pagePaths) {
      const {page, problems} = await open(path)
      await page.evaluate((value) => {
        localStorage.setItem('mltop10-theme', value)
        document.documentElement.dataset['theme'] = value
      }, theme)
      await page.waitForFunction(() => document.fonts.status === 'loaded')
      const results = await new AxePuppeteer(page).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
      for (const violation of results.violations) report.push(`${path}: ${violation.id} (${violation.nodes.length}) ${violation.nodes.slice(0, 3).map((node) => node.target.join(' ')).join(', ')}`)
      report.push(...problems.map((problem) => `${path}: ${problem}`))
      await page.close()
    }
    expect(report).toEqual([])
  })
})
