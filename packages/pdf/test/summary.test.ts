import {execFileSync} from 'node:child_process'
import {mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {launchBrowser, type LaunchedBrowser} from '@mltop10/browser'
import {exitCodes, loadEdition, MlTop10Error, sourceEdition, type Edition, type LocalizedEdition} from '@mltop10/core'
import {createTranslator} from '@mltop10/i18n'
import * as pdf from '../src/index.js'

const fixture = fileURLToPath(new URL('../../site/test/fixtures/edition/2023/', import.meta.url))
const root = mkdtempSync(join(tmpdir(), 'mltop10-summary-unit-'))
const siteUrl = 'https://example.org/top10/en/2023/'
let edition: Edition
let chrome: LaunchedBrowser

beforeAll(async () => {
  const [loaded, launched] = await Promise.all([loadEdition(fixture), launchBrowser()])
  edition = loaded.edition!
  chrome = launched
})
afterAll(async () => {
  await chrome?.close()
  rmSync(root, {recursive: true, force: true})
})

/** Runs a poppler tool on PDF bytes written to a file. */
function poppler(tool: string, bytes: Uint8Array, name: string): string {
  const path = join(root, name)
  writeFileSync(path, bytes)
  return execFileSync(tool, [path, ...(tool === 'pdftotext' ? ['-'] : [])], {encoding: 'utf8'})
}

describe('public API', () => {
  it('exposes exactly the documented names', () => {
    expect(Object.keys(pdf).sort()).toEqual(['buildPdfs', 'renderPdf', 'renderSummaryPdf'])
  })
})

describe('renderSummaryPdf', () => {
  it('prints one tagged US Letter landscape page with every risk, its scores and key controls, and the link to the site', async () => {
    const sheet = await pdf.renderSummaryPdf({localized: sourceEdition(edition), browser: chrome.browser, siteUrl, paper: 'letter'})
    expect(sheet.pages).toBe(1)
    const info = poppler('pdfinfo', sheet.bytes, 'letter.pdf')
    expect(info).toMatch(/^Pages:\s+1$/m)
    expect(info).toMatch(/^Tagged:\s+yes$/m)
    expect(info).toMatch(/^Page size:\s+792 x 612 pts \(letter\)$/m)
    expect(Buffer.from(sheet.bytes).toString('latin1')).toMatch(/\/Lang \(en\)/)
    const fonts = poppler('pdffonts', sheet.bytes, 'letter.pdf').split('\n').slice(2).filter((line) => line.trim() !== '')
    expect(fonts.length).toBeGreaterThan(0)
    for (const line of fonts) {
      expect(line).toMatch(/^\S+\+Noto/)
      expect(line).not.toMatch(/Type 3/)
      expect(line).toMatch(/\s+yes\s+yes\s+yes\s+/)
    }
    const text = poppler('pdftotext', sheet.bytes, 'letter.pdf').replace(/\s+/g, ' ')
    for (const risk of edition.risks) {
      expect(text).toContain(`${risk.id} ${risk.title}`)
      for (const control of risk.keyControls) expect(text).toContain(control)
    }
    expect(text).toContain('Exploitability 5 (very high)')
    expect(text).toMatch(/key controls/i)
    expect(text).toContain(siteUrl)
    expect(text).toContain('CC BY-SA 4.0')
  })

  it('measures every box of the sheet before printing, and each one fits', async () => {
    const sheet = await pdf.renderSummaryPdf({localized: sourceEdition(edition), browser: chrome.browser, siteUrl})
    expect(sheet.boxes.map((box) => box.name).sort()).toEqual(['ML01', 'ML02', 'header', 'sheet', 'side'])
    for (const box of sheet.boxes) {
      expect(box.clientHeight, box.name).toBeGreaterThan(0)
      expect(box.scrollHeight, box.name).toBeLessThanOrEqual(box.clientHeight + 1)
      expect(box.scrollWidth, box.name).toBeLessThanOrEqual(box.clientWidth + 1)
    }
  })

  it('gives the same bytes every time, and A4 landscape by default', async () => {
    const first = await pdf.renderSummaryPdf({localized: sourceEdition(edition), browser: chrome.browser, siteUrl})
    const second = await pdf.renderSummaryPdf({localized: sourceEdition(edition), browser: chrome.browser, siteUrl})
    expect(Buffer.from(second.bytes).equals(Buffer.from(first.bytes))).toBe(true)
    expect(poppler('pdfinfo', first.bytes, 'a4.pdf')).toMatch(/^Page size:\s+841\.92 x 594\.96 pts \(A4\)$/m)
  })

  it('fails with exit code 1, naming the risk, when its text does not fit its box', async () => {
    const long: LocalizedEdition = (() => {
      const base = sourceEdition(edition)
      const risks = edition.risks.map((risk) => (risk.id === 'ML02' ? {...risk, summary: 'A sentence that goes on and on. '.repeat(40)} : risk))
      const documents = edition.documents.map((document) => risks.find((risk) => risk.name === document.name) ?? document)
      return {...base, edition: {...edition, risks, documents}}
    })()
    const error = await pdf.renderSummaryPdf({localized: long, browser: chrome.browser, siteUrl}).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(MlTop10Error)
    expect((error as MlTop10Error).exitCode).toBe(exitCodes.contentErrors)
    expect((error as Error).message).toMatch(/^The summary sheet 2023-en does not fit its page: ML02 \(\d+ px too tall, 0 px too wide\)$/)
  })

  it('lays a right-to-left language out from the right, with the address kept left to right', async () => {
    const arabic: LocalizedEdition = {...sourceEdition(edition), locale: {code: 'ar', nativeName: 'العربية', direction: 'rtl'}}
    const sheet = await pdf.renderSummaryPdf({localized: arabic, browser: chrome.browser, siteUrl, translator: createTranslator({locale: 'ar'})})
    expect(Buffer.from(sheet.bytes).toString('latin1')).toMatch(/\/Lang \(ar\)/)
    expect(poppler('pdftotext', sheet.bytes, 'ar.pdf')).toContain(siteUrl)
  })
})

describe('buildPdfs with summary sheets', () => {
  it('writes <edition>-<locale>-summary.pdf beside the PDF, and copies it from the cache when nothing changed', async () => {
    const cacheDir = join(root, 'cache')
    const summary = {siteUrl: (localized: LocalizedEdition) => `https://example.org/${localized.locale.code}/${localized.edition.manifest.edition}/`}
    const browser = Promise.resolve(chrome)
    const first = await pdf.buildPdfs({editions: [sourceEdition(edition)], outDir: join(root, 'built-1'), cacheDir, summary, browser})
    expect(first.map((output) => [output.kind, output.file, output.cached])).toEqual([
      ['edition', '2023-en.pdf', false],
      ['summary', '2023-en-summary.pdf', false]
    ])
    expect(first[1]).toMatchObject({pages: 1})
    expect(readdirSync(join(root, 'built-1')).sort()).toEqual(['2023-en-summary.pdf', '2023-en.pdf'])
    const second = await pdf.buildPdfs({editions: [sourceEdition(edition)], outDir: join(root, 'built-2'), cacheDir, summary, browser})
    expect(second.map((output) => output.cached)).toEqual([true, true])
    expect(readFileSync(join(root, 'built-2', '2023-en-summary.pdf')).equals(readFileSync(join(root, 'built-1', '2023-en-summary.pdf')))).toBe(true)
    const letter = await pdf.buildPdfs({editions: [sourceEdition(edition)], outDir: join(root, 'built-3'), cacheDir, summary: {...summary, paper: 'letter'}, browser})
    expect(letter.map((output) => output.cached)).toEqual([true, false])
  })
})
