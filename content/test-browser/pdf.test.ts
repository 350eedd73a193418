import {execFileSync} from 'node:child_process'
import {mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {getDocument, type PDFDocumentProxy} from 'pdfjs-dist/legacy/build/pdf.mjs'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {launchBrowser, type LaunchedBrowser} from '@mltop10/browser'
import {loadEdition, sourceEdition, type Edition} from '@mltop10/core'
import {buildPdfs, renderSummaryPdf, type PdfOutput, type SummaryRender} from '@mltop10/pdf'

const editionDir = fileURLToPath(new URL('../editions/2023/', import.meta.url))
const root = mkdtempSync(join(tmpdir(), 'mltop10-pdf-'))
let edition: Edition
let output: PdfOutput
let bytes: Uint8Array
let pdf: PDFDocumentProxy
// One browser renders the PDFs of this file, as `mltop10 build` renders every language with one.
let chrome: Promise<LaunchedBrowser>

beforeAll(async () => {
  chrome = launchBrowser()
  const result = await loadEdition(editionDir)
  if (!result.edition) throw new Error('the 2023 edition does not validate: run pnpm check')
  edition = result.edition
  ;[output] = (await buildPdfs({editions: [sourceEdition(edition)], outDir: join(root, 'a'), browser: chrome})) as [PdfOutput]
  bytes = new Uint8Array(readFileSync(join(root, 'a', output.file)))
  pdf = await getDocument({data: bytes.slice(), isEvalSupported: false, verbosity: 0}).promise
})

afterAll(async () => {
  await pdf?.destroy()
  await (await chrome)?.close()
  rmSync(root, {recursive: true, force: true})
})

async function pageText(number: number): Promise<string> {
  const content = await (await pdf.getPage(number)).getTextContent()
  return content.items.map((item) => ('str' in item ? item.str : '')).join(' ').replace(/\s+/g, ' ')
}

async function destinationPage(destination: unknown): Promise<number> {
  const explicit = typeof destination === 'string' ? await pdf.getDestination(destination) : (destination as unknown[])
  return (await pdf.getPageIndex(explicit![0] as never)) + 1
}

describe('the 2023 PDF', () => {
  it('is named after edition and locale and has a plausible number of pages', () => {
    expect(output.file).toBe('2023-en.pdf')
    expect(pdf.numPages).toBe(output.pages)
    expect(pdf.numPages).toBeGreaterThanOrEqual(30)
    expect(pdf.numPages).toBeLessThanOrEqual(80)
  })

  it('opens with a cover that gives title, edition, version, status, date and license', async () => {
    const cover = await pageText(1)
    for (const text of ['OWASP Machine Learning Security Top 10', 'Edition 2023', 'Version 0.3.0', 'Status Draft', 'Released 2023-09-29', 'License CC BY-SA 4.0']) expect(cover).toContain(text)
  })

  it('has a contents page whose numbers are the pages where each document starts', async () => {
    const contents = await pageText(2)
    expect(contents).toContain('Contents')
    for (const document of edition.documents) {
      const title = document.kind === 'risk' ? `${document.id} ${document.title}` : document.title
      const number = Number(new RegExp(`${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} (\\d+)`).exec(contents)?.[1])
      expect(number, title).toBeGreaterThan(2)
      const heading = document.kind === 'risk' ? `${document.id}:2023 ${document.title}` : document.title
      expect(await pageText(number), `page ${number} for ${title}`).toContain(heading)
    }
  })

  it('has bookmarks for front matter, every document, each risk section and scenario', async () => {
    const outline = await pdf.getOutline()
    const titles = outline.map((item) => item.title)
    expect(titles.slice(0, 5)).toEqual(['OWASP Machine Learning Security Top 10', 'Contents', 'Risk map', 'Mappings matrix', 'Introduction'])
    for (const risk of edition.risks) {
      const entry = outline.find((item) => item.title === `${risk.id}:2023 ${risk.title}`)
      expect(entry, risk.id).toBeDefined()
      expect(entry!.items.map((item) => item.title)).toEqual(['Description', 'How to Prevent', 'Detect and Respond', 'Risk Factors', 'Example Attack Scenarios', 'Checklist', 'References', 'Mappings'])
      expect(entry!.items[4]!.items.map((item: {title: string}) => item.title)).toEqual(risk.scenarios.map((scenario) => `Scenario ${scenario.number}: ${scenario.title}`))
      expect(await pageText(await destinationPage(entry!.dest))).toContain(`${risk.id}:2023 ${risk.title}`)
    }
    const backMatter = edition.documents.slice(edition.documents.indexOf(edition.glossary)).map((document) => document.title)
    expect(titles.slice(-backMatter.length)).toEqual(backMatter)
  })

  it('has the mappings matrix: every risk with its NIST AI 100-2, ATLAS, CWE and LLM Top 10 ids', async () => {
    const outline = await pdf.getOutline()
    const page = await destinationPage(outline.find((item) => item.title === 'Mappings matrix')!.dest)
    const text = await pageText(page)
    for (const risk of edition.risks) {
      expect(text).toContain(risk.id)
      for (const id of [...risk.mappings.nist, ...risk.mappings.atlasMitigations, ...risk.mappings.cwe]) expect(text, `${risk.id} ${id}`).toContain(id)
    }
  })

  it('is tagged, declares its language and shows its title in the title bar', async () => {
    const text = Buffer.from(bytes).toString('latin1')
    expect(text).toMatch(/\/MarkInfo\s*<<\s*\/Type \/MarkInfo\s*\/Marked true/)
    expect(text).toMatch(/\/StructTreeRoot \d+ 0 R/)
    expect(text).toMatch(/\/Lang \(en\)/)
    expect(text).toMatch(/\/DisplayDocTitle true/)
    const {info} = (await pdf.getMetadata()) as unknown as {info: Record<string, string>}
    expect(info).toMatchObject({
      Title: 'OWASP Machine Learning Security Top 10 2023',
      Author: 'OWASP Machine Learning Security Top 10 project',
      Subject: 'The ten most important security risks of machine-learning systems, 2023 edition',
      Creator: 'mltop10 (edition 2023, version 0.3.0)',
      Producer: 'mltop10 with Chromium',
      CreationDate: 'D:20230929000000Z',
      ModDate: 'D:20230929000000Z'
    })
    expect(info['Keywords']).toContain('ML10')
    expect((info as unknown as {Custom: Record<string, string>}).Custom).toMatchObject({MLTop10Edition: '2023', MLTop10Version: '0.3.0', MLTop10Locale: 'en'})
    expect((info as unknown as {Custom: Record<string, string>}).Custom['MLTop10SourceHash']).toMatch(/^[\da-f]{64}$/)
  })

  it('embeds every font, all from the Noto packages, and no Type 3 font', () => {
    const listing = execFileSync('pdffonts', [join(root, 'a', output.file)], {encoding: 'utf8'}).trim().split('\n').slice(2)
    expect(listing.length).toBeGreaterThan(0)
    for (const line of listing) {
      const columns = line.split(/\s+/)
      expect(line, line).toMatch(/^[A-Z]{6}\+NotoSans(Mono)?-/)
      expect(line).not.toContain('Type 3')
      expect(columns.at(-5), line).toBe('yes')
    }
  })

  it('links contents entries, cross-references and glossary terms to the right pages', async () => {
    const contentsLinks = (await (await pdf.getPage(2)).getAnnotations()).filter((annotation) => annotation.subtype === 'Link' && annotation.dest)
    expect(contentsLinks.length).toBe(edition.documents.length)
    const ml02 = edition.risks[1]!
    const ml02Page = await destinationPage(contentsLinks[2]!.dest)
    expect(await pageText(ml02Page)).toContain(`${ml02.id}:2023 ${ml02.title}`)
    const glossaryPage = await destinationPage(contentsLinks[edition.documents.indexOf(edition.glossary)]!.dest)
    let internal = 0
    for (let number = 3; number <= pdf.numPages; number++) {
      for (const annotation of await (await pdf.getPage(number)).getAnnotations()) {
        if (annotation.subtype !== 'Link' || !annotation.dest) continue
        internal++
        const target = await destinationPage(annotation.dest)
        if (String(annotation.dest).includes('doc-glossary--')) expect(target).toBeGreaterThanOrEqual(glossaryPage)
      }
    }
    expect(internal).toBeGreaterThan(50)
  })

  it('has no blank page: each carries text besides its header and footer', async () => {
    for (let number = 1; number <= pdf.numPages; number++) {
      const text = (await pageText(number)).replace('OWASP Machine Learning Security Top 10 2023 edition, version 0.3.0', '').replace(`Page ${number} of ${pdf.numPages}`, '').trim()
      expect(text.length, `page ${number}`).toBeGreaterThan(150)
    }
  })

  it('keeps external links clickable', async () => {
    const links = []
    for (let number = 3; number <= pdf.numPages; number++) for (const annotation of await (await pdf.getPage(number)).getAnnotations()) if (annotation.url) links.push(annotation.url as string)
    expect(links).toContain('https://arxiv.org/abs/1312.6199')
    expect(links).toContain('https://atlas.mitre.org/techniques/AML.T0043')
  })

  it('prints a header with the title and a footer with page X of Y and the edition on every page', async () => {
    expect(await pageText(1)).toContain(`Page 1 of ${pdf.numPages}`)
    expect(await pageText(3)).toContain(`Page 3 of ${pdf.numPages}`)
    expect(await pageText(7)).toContain("OWASP Machine Learning Security Top 10 2023 edition, version 0.3.0")
    expect(await pageText(pdf.numPages)).toContain('2023 edition, version 0.3.0')
  })

  it('is the same byte for byte when built again', async () => {
    await new Promise((resolve) => setTimeout(resolve, 1100))
    // In a browser of its own: nothing of the first one's state may shape the bytes.
    const [again] = await buildPdfs({editions: [sourceEdition(edition)], outDir: join(root, 'b')})
    expect(Buffer.from(readFileSync(join(root, 'b', again!.file))).equals(Buffer.from(bytes))).toBe(true)
    expect(readdirSync(join(root, 'b'))).toEqual(['2023-en.pdf'])
  })
})

describe.each([
  {code: 'es', font: /^[A-Z]{6}\+NotoSans(Mono)?-/, script: /NotoSans-Regular/, cover: 'Edición 2023', matrix: 'Matriz de correspondencias', words: ['envenenamiento', 'modelo'], bookmarks: ['Introducción', 'ML01:2023 Ataque de manipulación de entradas']},
  {code: 'ja', font: /^[A-Z]{6}\+NotoSans(JP\w*|Mono)?-/, script: /NotoSansJP/, cover: '版', matrix: 'マッピング一覧表', words: ['モデル', 'ポイズニング'], bookmarks: ['はじめに', 'ML01:2023 入力操作攻撃']},
  {code: 'zh-Hans', font: /^[A-Z]{6}\+NotoSans(SC\w*|Mono)?-/, script: /NotoSansSC/, cover: '版', matrix: '映射矩阵', words: ['投毒', '模型'], bookmarks: ['引言', 'ML01:2023 输入操纵攻击']},
  {code: 'ar', font: /^[A-Z]{6}\+Noto(Sans|SansMono|NaskhArabic)-/, script: /NotoNaskhArabic/, cover: 'الإصدار', matrix: 'مصفوفة الربط', words: ['هجوم', 'النموذج', 'مقدمة', 'التلاعب', 'الاستدلال'], bookmarks: ['مقدمة', 'ما هذه القائمة', 'ML01:2023 هجوم التلاعب بالمدخلات']}
])('the $code PDF', ({code, font, script, cover, matrix, words, bookmarks}) => {
  it('is in its language, with translated labels, text and bookmarks in logical order, and only embedded Noto fonts covering its script', async () => {
    const {loadLocales} = await import('@mltop10/i18n')
    const {locales} = await loadLocales(fileURLToPath(new URL('../../locales/', import.meta.url)), [edition])
    const locale = locales.find((candidate) => candidate.manifest.code === code)!
    const outDir = join(root, code)
    const localized = locale.editions.get('2023')!
    const [output] = await buildPdfs({editions: [localized], translator: locale.translator, outDir, browser: chrome})
    expect(output!.file).toBe(`2023-${code}.pdf`)
    const path = join(outDir, output!.file)
    const text = Buffer.from(readFileSync(path)).toString('latin1')
    expect(text).toContain(`/Lang (${code})`)
    // poppler reads right-to-left text in logical order (pdf.js does not, for Arabic); it marks
    // embedded runs of the other direction with bidi controls, removed here.
    const plain = (first: number, last: number) => execFileSync('pdftotext', ['-f', String(first), '-l', String(last), path, '-'], {encoding: 'utf8'}).replace(/[\u202a-\u202e]/g, '')
    expect(plain(1, 1)).toContain(cover)
    expect(plain(1, 8)).toContain(matrix)
    // Whole words, as a reader searches or copies them: each is found on many pages.
    const all = plain(1, output!.pages)
    for (const word of words) expect(all.split(word).length - 1, word).toBeGreaterThanOrEqual(3)
    // No near-empty page: each page after the cover carries a real share of text besides its
    // header and footer (a page holding a lone heading or two lines would fail).
    const pages = all.split('\f').slice(0, output!.pages)
    for (const [index, page] of pages.entries()) {
      if (index === 0) continue
      const text = page.trim().split('\n').slice(1, -1).join(' ')
      const size = code === 'ja' || code === 'zh-Hans' ? [...text.replace(/\s/g, '')].length / 2 : text.split(/\s+/).filter(Boolean).length
      expect(size, `page ${index + 1}`).toBeGreaterThanOrEqual(25)
    }
    const document = await getDocument({data: new Uint8Array(readFileSync(path)), isEvalSupported: false, verbosity: 0}).promise
    try {
      const titles: string[] = []
      const walk = (items: Awaited<ReturnType<PDFDocumentProxy['getOutline']>>) => {
        for (const item of items) {
          titles.push(item.title)
          walk(item.items)
        }
      }
      walk(await document.getOutline())
      for (const title of bookmarks) expect(titles).toContain(title)
      // Chrome's own titles repeated the text of some right-to-left headings ("مقدمةمقدمة").
      for (const title of titles) expect(title, title).not.toMatch(/^(.+)\s*\1$/u)
    } finally {
      await document.destroy()
    }
    const listing = execFileSync('pdffonts', [path], {encoding: 'utf8'}).trim().split('\n').slice(2)
    for (const line of listing) {
      expect(line, line).toMatch(font)
      expect(line).not.toContain('Type 3')
    }
    expect(listing.some((line) => script.test(line))).toBe(true)
  })
})

describe('the summary sheets', () => {
  const sheets = new Map<string, {sheet: SummaryRender; again: SummaryRender; path: string}>()

  beforeAll(async () => {
    const {createTranslator, loadLocales} = await import('@mltop10/i18n')
    const {locales} = await loadLocales(fileURLToPath(new URL('../../locales/', import.meta.url)), [edition])
    const languages = [{code: 'en', localized: sourceEdition(edition), translator: createTranslator()}, ...locales.map((locale) => ({code: locale.manifest.code, localized: locale.editions.get('2023')!, translator: locale.translator}))]
    const {browser} = await chrome
    for (const {code, localized, translator} of languages) {
      const options = {localized, translator, browser, siteUrl: `https://example.org/top10/${code.toLowerCase()}/2023/`}
      const sheet = await renderSummaryPdf(options)
      const path = join(root, `2023-${code}-summary.pdf`)
      writeFileSync(path, sheet.bytes)
      sheets.set(code, {sheet, again: await renderSummaryPdf(options), path})
    }
  }, 180_000)

  it.each(['en', 'es', 'ja', 'ar', 'zh-Hans'])('%s: one page on which every box fits, with all ten ids, tagged, in its language, with embedded fonts, the same bytes when rendered again', (code) => {
    const {sheet, again, path} = sheets.get(code)!
    for (const box of sheet.boxes) {
      expect(box.scrollHeight, `${code} ${box.name}`).toBeLessThanOrEqual(box.clientHeight + 1)
      expect(box.scrollWidth, `${code} ${box.name}`).toBeLessThanOrEqual(box.clientWidth + 1)
    }
    expect(sheet.boxes.filter((box) => /^ML\d\d$/.test(box.name))).toHaveLength(10)
    const info = execFileSync('pdfinfo', [path], {encoding: 'utf8'})
    expect(info).toMatch(/^Pages:\s+1$/m)
    expect(info).toMatch(/^Tagged:\s+yes$/m)
    expect(info).toMatch(/^Page size:\s+841\.92 x 594\.96 pts \(A4\)$/m)
    expect(Buffer.from(sheet.bytes).toString('latin1')).toContain(`/Lang (${code})`)
    const text = execFileSync('pdftotext', [path, '-'], {encoding: 'utf8'}).replace(/[\u202a-\u202e]/g, '')
    for (const risk of edition.risks) expect(text).toContain(risk.id)
    expect(text).toContain(`https://example.org/top10/${code.toLowerCase()}/2023/`)
    for (const line of execFileSync('pdffonts', [path], {encoding: 'utf8'}).trim().split('\n').slice(2)) {
      expect(line, line).toMatch(/^[A-Z]{6}\+Noto/)
      expect(line).not.toContain('Type 3')
      expect(line).toMatch(/\s+yes\s+yes\s+yes\s+/)
    }
    expect(Buffer.from(again.bytes).equals(Buffer.from(sheet.bytes))).toBe(true)
  })
})
