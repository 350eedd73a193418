import {execFileSync} from 'node:child_process'
import {mkdtempSync, readdirSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {launchBrowser} from '@mltop10/browser'
import {exitCodes, loadEdition, MlTop10Error, sourceEdition, type Edition, type LocalizedEdition, type PageState} from '@mltop10/core'
import {createTranslator} from '@mltop10/i18n'
import * as pdf from '../src/index.js'

const fixture = fileURLToPath(new URL('../../site/test/fixtures/edition/2023/', import.meta.url))
const root = mkdtempSync(join(tmpdir(), 'mltop10-pdf-unit-'))
let edition: Edition

beforeAll(async () => {
  edition = (await loadEdition(fixture)).edition!
})
afterAll(() => rmSync(root, {recursive: true, force: true}))

describe('public API', () => {
  it('exposes exactly the documented names', () => {
    expect(Object.keys(pdf).sort()).toEqual(['buildPdfs', 'renderPdf', 'renderSummaryPdf'])
  })
})

describe('buildPdfs', () => {
  it('copies an unchanged PDF from its cache without a browser, and renders again when a UI string changes', async () => {
    const cacheDir = join(root, 'cache')
    const [first] = await pdf.buildPdfs({editions: [sourceEdition(edition)], outDir: join(root, 'cached-1'), cacheDir})
    expect(first!.cached).toBe(false)
    // A browser that never starts proves the second run did not need one.
    const noBrowser = Promise.reject(new Error('no browser'))
    noBrowser.catch(() => undefined)
    const events: string[] = []
    const [second] = await pdf.buildPdfs({editions: [sourceEdition(edition)], outDir: join(root, 'cached-2'), cacheDir, browser: noBrowser, onProgress: (event) => events.push(event.kind)})
    expect(second).toMatchObject({cached: true, pages: first!.pages})
    expect(events).toEqual(['pdf'])
    expect(readFileSync(join(root, 'cached-2', '2023-en.pdf')).equals(readFileSync(join(root, 'cached-1', '2023-en.pdf')))).toBe(true)
    const spanish = (subject: string) => createTranslator({locale: 'es', resources: {es: {pdf: {subject}}}})
    await pdf.buildPdfs({editions: [sourceEdition(edition)], outDir: join(root, 'cached-3'), cacheDir, translator: spanish('Edición {{edition}}')})
    const [fourth] = await pdf.buildPdfs({editions: [sourceEdition(edition)], outDir: join(root, 'cached-3'), cacheDir, translator: spanish('Otra edición {{edition}}')})
    expect(fourth!.cached).toBe(false)
    // The subject moves no page: the page numbers of the previous render spare the first pass.
    expect(fourth).toMatchObject({kind: 'edition', timings: {firstPass: 0}})
  })

  it('writes <edition>-<locale>.pdf and reports pages and timings per pass', async () => {
    const events: string[] = []
    const [output] = await pdf.buildPdfs({editions: [sourceEdition(edition)], outDir: join(root, 'ok'), onProgress: (event) => events.push(event.kind)})
    expect(output).toMatchObject({file: '2023-en.pdf'})
    expect(output!.pages).toBeGreaterThanOrEqual(6)
    expect(Object.keys(output!.timings)).toEqual(['layout', 'firstPass', 'secondPass', 'postProcess'])
    expect(events).toEqual(['launch', 'pdf'])
    expect(readdirSync(join(root, 'ok'))).toEqual(['2023-en.pdf'])
  })

  it('fails with exit code 3 when the given browser does not exist, and writes nothing', async () => {
    const error = await pdf.buildPdfs({editions: [sourceEdition(edition)], outDir: join(root, 'missing'), executablePath: '/opt/no-such/chrome'}).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(MlTop10Error)
    expect((error as MlTop10Error).exitCode).toBe(exitCodes.environment)
    expect((error as Error).message).toBe('The browser set by the --chrome option does not exist: /opt/no-such/chrome')
    expect(() => readdirSync(join(root, 'missing'))).toThrow()
  })

  it('fails clearly, within its time limit, when Chrome does not finish', async () => {
    const started = performance.now()
    const error = await pdf.buildPdfs({editions: [sourceEdition(edition)], outDir: join(root, 'slow'), timeoutMs: 150}).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(MlTop10Error)
    expect((error as Error).message).toMatch(/^Chrome did not finish the PDF 2023-en within 0 s$/)
    expect(performance.now() - started).toBeLessThan(10_000)
    expect(readdirSync(join(root, 'slow'))).toEqual([])
  })
})

describe('renderPdf', () => {
  it('marks a page shown in English in a translated PDF, and an outdated one', async () => {
    const {createTranslator} = await import('@mltop10/i18n')
    const outDir = join(root, 'es')
    const states: Record<string, PageState> = {about: 'missing', glossary: 'outdated'}
    const spanish: LocalizedEdition = {edition, locale: {code: 'es', nativeName: 'español', direction: 'ltr'}, pages: sourceEdition(edition).pages.map((page) => ({...page, state: states[page.name] ?? 'translated'}))}
    await pdf.buildPdfs({editions: [spanish], outDir, translator: createTranslator({locale: 'es'})})
    const text = execFileSync('pdftotext', [join(outDir, '2023-es.pdf'), '-'], {encoding: 'utf8'}).replace(/\s+/g, ' ')
    expect(text).toContain('This page is not translated into español yet; it is shown in English.')
    expect(text).toContain('The English original of this page changed after it was translated; this translation may be out of date.')
  })

  it('makes the same PDF in one print from the page numbers of an earlier render, and corrects wrong ones', async () => {
    const chrome = await launchBrowser()
    try {
      const localized = sourceEdition(edition)
      const plain = await pdf.renderPdf({localized, browser: chrome.browser})
      expect([...plain.documentPages.values()].every((page) => page > 2)).toBe(true)
      const known = await pdf.renderPdf({localized, browser: chrome.browser, pageNumbers: plain.documentPages})
      // Zero: no first pass was printed.
      expect(known.timings.firstPass).toBe(0)
      expect(Buffer.from(known.bytes).equals(Buffer.from(plain.bytes))).toBe(true)
      const wrong = await pdf.renderPdf({localized, browser: chrome.browser, pageNumbers: new Map(edition.documents.map((document) => [document.name, 1]))})
      expect(wrong.documentPages).toEqual(plain.documentPages)
      expect(Buffer.from(wrong.bytes).equals(Buffer.from(plain.bytes))).toBe(true)
    } finally {
      await chrome.close()
    }
  })

  it('fails clearly when Chrome crashes mid-render', async () => {
    const chrome = await launchBrowser()
    try {
      const rendering = pdf.renderPdf({localized: sourceEdition(edition), browser: chrome.browser})
      setTimeout(() => process.kill(chrome.pid!, 'SIGKILL'), 100)
      const error = await rendering.catch((caught: unknown) => caught)
      expect(error).toBeInstanceOf(MlTop10Error)
      expect((error as Error).message).toBe('Chrome stopped while rendering the PDF 2023-en')
      expect((error as MlTop10Error).exitCode).toBe(exitCodes.environment)
    } finally {
      await chrome.close()
    }
  })
})
