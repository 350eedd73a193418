import {createHash} from 'node:crypto'
import {readFile, rm, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import type {Element} from 'hast'
import {fromHtml} from 'hast-util-from-html'
import {toString} from 'hast-util-to-string'
import MiniSearch from 'minisearch'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {MlTop10Error, type Edition} from '@mltop10/core'
import * as site from '../src/index.js'
import {loadFixtureEdition, parseMarkdown, readPage, readTree, selectAll, temporaryFolder} from './helpers.js'
import {sourceLanguage} from '@mltop10/i18n'

let edition: Edition
let outDir: string
const folders: string[] = []

beforeAll(async () => {
  edition = await loadFixtureEdition()
  const root = await temporaryFolder('site')
  folders.push(root)
  outDir = join(root, 'site')
  await site.buildSite({languages: [sourceLanguage([edition])], outDir, baseUrl: 'https://example.org/top10/'})
})
afterAll(async () => {
  await Promise.all(folders.map((folder) => rm(folder, {recursive: true, force: true})))
})

const page = (path: string) => readPage(outDir, path)
const select = selectAll

describe('public API', () => {
  it('exposes exactly the documented names', () => {
    expect(Object.keys(site).sort()).toEqual(['brokenLinksError', 'buildSite', 'contentSecurityPolicy', 'createRoutes', 'editionHomeUrl', 'languageNameFonts', 'renderSite', 'serveSite'])
  })
})

describe('buildSite', () => {
  it('writes a page per document under /<locale>/<edition>/, plus home, search, redirects, 404, sitemap and robots.txt', async () => {
    const files = [...(await readTree(outDir)).keys()].filter((path) => !path.startsWith('assets/')).sort()
    expect(files).toEqual([
      '404.html',
      'en/2023/about/index.html',
      'en/2023/glossary/index.html',
      'en/2023/index.html',
      'en/2023/introduction/index.html',
      'en/2023/mappings/index.html',
      'en/2023/ml01-adversarial-attack/index.html',
      'en/2023/ml01-input-manipulation-attack/index.html',
      'en/2023/ml02-data-poisoning-attack/index.html',
      'en/2023/related-resources/index.html',
      'en/2023/search-index.json',
      'en/2023/search/index.html',
      'en/index.html',
      'en/latest/index.html',
      'index.html',
      'robots.txt',
      'sitemap.xml'
    ])
  })

  it('gives a risk page its canonical anchors, numbered scenarios, score table with derived labels, contents and mappings', async () => {
    const tree = await page('en/2023/ml01-input-manipulation-attack/index.html')
    const ids = select(tree, (node) => /^h[23]$/.test(node.tagName)).map((node) => [node.properties['id'], toString(node)])
    expect(ids).toEqual([
      ['toc-title', 'On this page'],
      ['description', 'Description'],
      ['how-to-prevent', 'How to Prevent'],
      ['detect-and-respond', 'Detect and Respond'],
      ['risk-factors', 'Risk Factors'],
      ['example-attack-scenarios', 'Example Attack Scenarios'],
      ['scenario-1', 'Scenario 1: Perturbed images'],
      ['scenario-2', 'Scenario 2: Crafted traffic'],
      ['checklist', 'Checklist'],
      ['references', 'References'],
      ['mappings', 'Mappings']
    ])
    expect(toString(select(tree, (node) => node.tagName === 'h1')[0]!)).toBe('ML01:2023 Input Manipulation Attack')
    const rows = select(tree, (node) => node.tagName === 'tr').map((row) => select({type: 'root', children: [row]} as never, (cell) => cell.tagName === 'th' || cell.tagName === 'td').map((cell) => toString(cell)))
    expect(rows).toEqual([
      ['Factor', 'Score', 'Rating'],
      ['Exploitability', '5', 'very high'],
      ['Exploitability, application-specific', '4', 'high'],
      ['Exploitability, ML-operations-specific', '3', 'moderate'],
      ['Detectability', '3', 'moderate'],
      ['Technical impact', '5', 'very high']
    ])
    const section = select(tree, (node) => node.tagName === 'section' && String(node.properties['className']).includes('section-mappings'))[0]!
    const links = select(section, (node) => node.tagName === 'a').map((link) => String(link.properties['href']))
    expect(links).toEqual([
      'https://doi.org/10.6028/NIST.AI.100-2e2025',
      'https://atlas.mitre.org/techniques/AML.T0043',
      'https://atlas.mitre.org/techniques/AML.T0015',
      'https://atlas.mitre.org/mitigations/AML.M0003',
      'https://cwe.mitre.org/data/definitions/1039.html',
      'https://genai.owasp.org/llm-top-10/',
      '../mappings/'
    ])
    expect(select(section, (node) => node.tagName === 'dt').map((node) => toString(node))).toEqual(['NIST AI 100-2 E2025 attacks', 'MITRE ATLAS techniques', 'MITRE ATLAS mitigations', 'CWE weaknesses', 'OWASP Top 10 for LLM Applications 2025'])
  })

  it('lists every fixed section and the scenarios in the page contents, in order', async () => {
    const tree = await page('en/2023/ml01-input-manipulation-attack/index.html')
    const toc = select(tree, (node) => node.tagName === 'nav' && String(node.properties['className']).includes('toc'))[0]!
    expect(select(toc, (node) => node.tagName === 'a').map((link) => link.properties['href'])).toEqual(['#description', '#how-to-prevent', '#detect-and-respond', '#risk-factors', '#example-attack-scenarios', '#scenario-1', '#scenario-2', '#checklist', '#references', '#mappings'])
  })

  it('lets each reference take the direction of its own text (dir="auto"), so a Latin-script reference reads whole in a right-to-left page', async () => {
    const tree = await page('en/2023/ml01-input-manipulation-attack/index.html')
    const section = select(tree, (node) => node.tagName === 'section' && String(node.properties['className']).includes('section-references'))[0]!
    const items = select(section, (node) => node.tagName === 'li')
    expect(items).toHaveLength(3)
    for (const item of items) expect(item.properties['dir']).toBe('auto')
    const other = select(tree, (node) => node.tagName === 'section' && String(node.properties['className']).includes('section-how-to-prevent'))[0]!
    expect(select(other, (node) => node.tagName === 'li' && node.properties['dir'] !== undefined)).toEqual([])
  })

  it('publishes the mappings matrix: a row per risk, a column per catalogue, every cell linked', async () => {
    const tree = await page('en/2023/mappings/index.html')
    const table = select(tree, (node) => node.tagName === 'table')[0]!
    const header = select(table, (node) => node.tagName === 'th' && node.properties['scope'] === 'col').map((node) => toString(node))
    expect(header).toEqual(['Risk', 'NIST AI 100-2 E2025 attacks', 'MITRE ATLAS techniques', 'MITRE ATLAS mitigations', 'CWE weaknesses', 'OWASP Top 10 for LLM Applications 2025'])
    const rows = select(table, (node) => node.tagName === 'tr').slice(1)
    expect(rows).toHaveLength(edition.risks.length)
    for (const row of rows) {
      const cells = select(row, (node) => node.tagName === 'td')
      expect(cells).toHaveLength(5)
      for (const cell of cells) expect(select(cell, (node) => node.tagName === 'a').length > 0 || toString(cell) === 'none').toBe(true)
    }
    expect(select(rows[0]!, (node) => node.tagName === 'a')[0]!.properties['href']).toBe('../ml01-input-manipulation-attack/')
  })

  it('rewrites links between documents to page URLs and marks glossary terms, cross-references and external links', async () => {
    const tree = await page('en/2023/ml01-input-manipulation-attack/index.html')
    const links = select(tree, (node) => node.tagName === 'a' && Boolean(node.properties['className'])).map((node) => [node.properties['href'], node.properties['className']])
    expect(links).toContainEqual(['../glossary/#perturbation', ['glossary-term']])
    expect(links).toContainEqual(['../ml02-data-poisoning-attack/#description', ['xref']])
    const external = select(tree, (node) => node.tagName === 'a' && String(node.properties['href']) === 'https://arxiv.org/abs/1312.6199')[0]!
    expect(external.properties['rel']).toEqual(['external', 'noopener', 'noreferrer'])
    expect(toString(external)).toBe('Intriguing properties of neural networks (external link)')
  })

  it('links previous and next pages in reading order', async () => {
    const tree = await page('en/2023/ml01-input-manipulation-attack/index.html')
    const pager = select(tree, (node) => node.tagName === 'a' && Array.isArray(node.properties['rel']) && ['prev', 'next'].includes(String(node.properties['rel'][0])))
    expect(pager.map((link) => [link.properties['rel'], link.properties['href']])).toEqual([
      [['prev'], '../introduction/'],
      [['next'], '../ml02-data-poisoning-attack/']
    ])
  })

  it('lists the risks on the home page in rank order with their scores', async () => {
    const tree = await page('en/2023/index.html')
    const cards = select(tree, (node) => node.tagName === 'li' && String(node.properties['className']).includes('risk-card'))
    expect(cards.map((card) => toString(select({type: 'root', children: [card]} as never, (node) => node.tagName === 'h3')[0]!))).toEqual(['ML01 Input Manipulation Attack', 'ML02 Data Poisoning Attack'])
    expect(toString(cards[1]!)).toContain('Detectability2low')
  })

  it('carries metadata, a CSP without inline scripts, and requests nothing from another host', async () => {
    // The 404 page's own inline script and styles, pinned by hash, are tested on their own.
    for (const path of ['en/2023/index.html', 'en/2023/glossary/index.html', 'en/2023/search/index.html']) {
      const html = await readFile(join(outDir, path), 'utf8')
      const tree = fromHtml(html)
      const meta = (name: string) => select(tree, (node) => node.tagName === 'meta' && (node.properties['name'] === name || node.properties['property'] === name || node.properties['httpEquiv']?.toString() === name))[0]?.properties['content']
      expect(select(tree, (node) => node.tagName === 'html')[0]!.properties['lang']).toBe('en')
      expect(meta('Content-Security-Policy')).toBe(site.contentSecurityPolicy)
      expect(site.contentSecurityPolicy).toContain("script-src 'self'")
      expect(site.contentSecurityPolicy).not.toContain('unsafe-inline')
      expect(meta('description')).toBeTruthy()
      expect(meta('og:title')).toBeTruthy()
      for (const script of select(tree, (node) => node.tagName === 'script')) {
        expect(script.properties['src'], 'no inline script').toBeTruthy()
        expect(String(script.properties['src'])).not.toMatch(/^(?:https?:)?\/\//)
      }
      for (const link of select(tree, (node) => node.tagName === 'link' && !['canonical', 'alternate'].includes(String(node.properties['rel'])))) {
        expect(String(link.properties['href'])).not.toMatch(/^(?:https?:)?\/\//)
      }
    }
    const canonical = select(await page('en/2023/glossary/index.html'), (node) => node.tagName === 'link' && String(node.properties['rel']) === 'canonical')[0]
    expect(canonical?.properties['href']).toBe('https://example.org/top10/en/2023/glossary/')
  })

  it('ships the MiniSearch ES module for the browser', async () => {
    const module = await readFile(join(outDir, 'assets/minisearch.js'), 'utf8')
    expect(module).toContain('export { MiniSearch as default }')
    expect(module).not.toContain('sourceMappingURL')
  })

  it('keeps stylesheet fonts local', async () => {
    const css = await readFile(join(outDir, 'assets/site.css'), 'utf8')
    expect(css).not.toMatch(/url\((?!fonts\/)/)
    expect(css).not.toContain('@import')
  })

  it('shows the edition facts on every page, with the license linked to its text', async () => {
    const tree = await page('en/2023/about/index.html')
    const facts = select(tree, (node) => node.tagName === 'nav' && String(node.properties['className']).includes('edition-facts'))[0]!
    expect(toString(facts)).toBe('2023 editionVersion 1.0.0FinalReleased 2024-01-31CC BY-SA 4.0 (external link)')
    expect(select({type: 'root', children: [facts]} as never, (node) => node.tagName === 'a')[0]?.properties['href']).toBe('https://creativecommons.org/licenses/by-sa/4.0/')
  })

  it('leaves out edit and report links when no repository is configured', async () => {
    expect(select(await page('en/2023/about/index.html'), (node) => String(node.properties['className']).includes('page-actions'))).toEqual([])
  })

  it('links each page to its source file and to a prefilled problem report when a repository is configured', async () => {
    const target = join(await temporaryFolder('site-repo'), 'site')
    folders.push(target)
    await site.buildSite({languages: [sourceLanguage([edition])], outDir: target, baseUrl: 'https://example.org/', repository: {url: 'https://github.com/example/top10', branch: 'main', path: 'content'}})
    const tree = fromHtml(await readFile(join(target, 'en/2023/ml02-data-poisoning-attack/index.html'), 'utf8'))
    const links = select(tree, (node) => node.tagName === 'a' && String(node.properties['href']).startsWith('https://github.com/example/top10')).map((node) => String(node.properties['href']))
    expect(links).toContain('https://github.com/example/top10/edit/main/content/editions/2023/ML02-data-poisoning-attack.md')
    const report = new URL(links.find((href) => href.includes('/issues/new'))!)
    expect(report.searchParams.get('title')).toBe('Problem with “ML02 Data Poisoning Attack” (2023 edition)')
    expect(report.searchParams.get('body')).toContain('Page: https://example.org/en/2023/ml02-data-poisoning-attack/')
    expect(links).toContain('https://github.com/example/top10')
  })

  it('opens the glossary with an index of the letters that have terms, each linking to its group', async () => {
    const tree = await page('en/2023/glossary/index.html')
    const index = select(tree, (node) => node.tagName === 'nav' && String(node.properties['className']).includes('az-index'))[0]!
    const links = select({type: 'root', children: [index]} as never, (node) => node.tagName === 'a').map((node) => [toString(node), node.properties['href']])
    expect(links).toEqual([
      ['M', '#letter-m'],
      ['P', '#letter-p']
    ])
    expect(toString(index)).toBe('MP')
    const headings = select(tree, (node) => (node.tagName === 'h2' || node.tagName === 'h3') && typeof node.properties['id'] === 'string').map((node) => [node.tagName, node.properties['id']])
    expect(headings).toEqual([
      ['h2', 'letter-m'],
      ['h3', 'model-ensemble'],
      ['h2', 'letter-p'],
      ['h3', 'perturbation']
    ])
  })

  it('indexes text with a space between blocks, so table cells do not run together in snippets', async () => {
    const {index} = JSON.parse(await readFile(join(outDir, 'en/2023/search-index.json'), 'utf8')) as {index: {storedFields: Record<string, {excerpt: string}>}}
    const excerpts = Object.values(index.storedFields).map((fields) => fields.excerpt)
    expect(excerpts.some((text) => text.includes('Factor Score Rating'))).toBe(true)
    expect(excerpts.some((text) => /FactorScore|ScoreRating/.test(text))).toBe(false)
  })

  it('redirects a former slug to the current page', async () => {
    const tree = await page('en/2023/ml01-adversarial-attack/index.html')
    const refresh = select(tree, (node) => node.tagName === 'meta' && String(node.properties['httpEquiv']) === 'refresh')[0]
    expect(refresh?.properties['content']).toBe('0; url=../ml01-input-manipulation-attack/')
    expect(select(tree, (node) => node.tagName === 'meta' && node.properties['name'] === 'robots')[0]?.properties['content']).toBe('noindex')
    // The link takes the place of the title in the sentence, not an empty slot before it.
    const text = toString(select(tree, (node) => node.tagName === 'main')[0]!)
    expect(text).toContain('This risk was renamed. Its page is now ML01 Input Manipulation Attack.')
  })

  it('serves a 404 page whose links work from any address: styles inline, pinned by hash, links from the base path', async () => {
    const tree = await page('404.html')
    expect(select(tree, (node) => node.tagName === 'link' && String(node.properties['rel']) === 'stylesheet')).toEqual([])
    const style = toString(select(tree, (node) => node.tagName === 'style')[0]!)
    expect(style).toContain('.site-header')
    expect(style).not.toContain('@font-face')
    const script = toString(select(tree, (node) => node.tagName === 'script')[0]!)
    const policy = String(select(tree, (node) => node.tagName === 'meta' && node.properties['httpEquiv'] !== undefined)[0]!.properties['content'])
    const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`
    expect(policy).toContain(`script-src 'self' ${hash(script)}`)
    expect(policy).toContain(`style-src 'self' ${hash(style)}`)
    expect(select(tree, (node) => node.tagName === 'script' && node.properties['src'] !== undefined)).toEqual([])
    expect(select(tree, (node) => node.tagName === 'a' && node.properties['href'] === '/top10/en/2023/').length).toBeGreaterThan(0)
    expect(toString(select(tree, (node) => node.tagName === 'h1')[0]!)).toBe('Page not found')
  })

  it('writes a sitemap of canonical URLs and a robots.txt pointing at it', async () => {
    const sitemap = await readFile(join(outDir, 'sitemap.xml'), 'utf8')
    expect(sitemap).toContain('<loc>https://example.org/top10/en/2023/ml01-input-manipulation-attack/</loc>')
    expect(sitemap).not.toContain('adversarial-attack')
    expect(sitemap).not.toContain('404')
    expect(await readFile(join(outDir, 'robots.txt'), 'utf8')).toBe('User-agent: *\nAllow: /\nSitemap: https://example.org/top10/sitemap.xml\n')
  })

  it('indexes every section for search', async () => {
    const {options, index} = JSON.parse(await readFile(join(outDir, 'en/2023/search-index.json'), 'utf8'))
    const search = MiniSearch.loadJS(index, options)
    const hits = search.search('sensor', {prefix: true})
    expect(hits[0]).toMatchObject({title: 'Scenario 2: Poisoned sensor', url: '../ml02-data-poisoning-attack/#scenario-2'})
  })

  it('leaves the content model untouched', async () => {
    const fresh = await loadFixtureEdition()
    const strip = (value: Edition) => JSON.stringify(value.documents.map((document) => document.tree))
    const before = strip(fresh)
    await site.buildSite({languages: [sourceLanguage([fresh])], outDir: join(await temporaryFolder('site-pure'), 'site')})
    expect(strip(fresh)).toBe(before)
  })

  it('is deterministic: a second build gives the same bytes', async () => {
    const second = join(await temporaryFolder('site-again'), 'site')
    folders.push(second)
    await site.buildSite({languages: [sourceLanguage([edition])], outDir: second, baseUrl: 'https://example.org/top10/'})
    const [a, b] = await Promise.all([readTree(outDir), readTree(second)])
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort())
    for (const [path, bytes] of a) expect(b.get(path)?.equals(bytes), path).toBe(true)
  })
})

describe('buildSite on bad input', () => {
  it('fails on a broken link with its source position, and leaves the previous site intact', async () => {
    const root = await temporaryFolder('site-broken')
    folders.push(root)
    const target = join(root, 'site')
    await site.buildSite({languages: [sourceLanguage([edition])], outDir: target})
    const before = await readTree(target)
    const about = edition.about
    const broken: Edition = {
      ...edition,
      documents: edition.documents.map((document) => (document === about ? {...about, tree: parseMarkdown('See [the risk](ML01-input-manipulation-attack.md#nowhere).\n')} : document))
    }
    const error = await site.buildSite({languages: [sourceLanguage([broken])], outDir: target}).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(MlTop10Error)
    expect((error as Error).message).toMatch(/^1 broken link in the site:\n.*about\.md:1:5 {2}error {2}Link `\.\.\/ml01-input-manipulation-attack\/#nowhere` points to a missing anchor `#nowhere` in `en\/2023\/ml01-input-manipulation-attack\/index\.html` \(on page en\/2023\/about\/index\.html\) {2}broken-link$/)
    const after = await readTree(target)
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort())
    for (const [path, bytes] of before) expect(after.get(path)?.equals(bytes), path).toBe(true)
  })

  it('refuses a base URL that is not absolute http(s)', async () => {
    await expect(site.buildSite({languages: [sourceLanguage([edition])], outDir: join(outDir, 'x'), baseUrl: 'example.org'})).rejects.toThrow('Base URL `example.org` is not an absolute URL')
    await expect(site.buildSite({languages: [sourceLanguage([edition])], outDir: join(outDir, 'x'), baseUrl: 'ftp://example.org/'})).rejects.toThrow('is not http(s)')
  })

  it('builds a 1 MB page', async () => {
    const paragraph = 'Poisoned data changes what a model learns, and the change persists. '.repeat(20)
    const big = Array.from({length: 750}, (_, index) => `## Part ${index}\n\n${paragraph}\n`).join('\n')
    expect(big.length).toBeGreaterThan(1_000_000)
    const headingIds = Array.from({length: 750}, (_, index) => `part-${index}`)
    const large: Edition = {...edition, documents: edition.documents.map((document) => (document === edition.about ? {...document, tree: parseMarkdown(big), headingIds} : document))}
    const target = join(await temporaryFolder('site-large'), 'site')
    folders.push(target)
    const result = await site.buildSite({languages: [sourceLanguage([large])], outDir: target})
    expect(result.bytes).toBeGreaterThan(1_000_000)
    expect(await readFile(join(target, 'en/2023/about/index.html'), 'utf8')).toContain('id="part-749"')
  })
})
