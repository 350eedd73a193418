import {execFileSync} from 'node:child_process'
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import type {Browser} from 'puppeteer-core'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {launchBrowser, type LaunchedBrowser} from '@mltop10/browser'
import {loadEdition, sourceEdition, type Edition} from '@mltop10/core'
import {renderPdf} from '../src/index.js'

const fixture = fileURLToPath(new URL('../../site/test/fixtures/edition/2023/', import.meta.url))
const root = mkdtempSync(join(tmpdir(), 'mltop10-pdf-locked-'))
/** Requests the pages made, other than data: URLs, with how each was answered. */
const outcomes: string[] = []
// A public address (TEST-NET-1, never routed): nothing must even try to reach it.
const origin = 'http://192.0.2.1'
let edition: Edition
let chrome: LaunchedBrowser

beforeAll(async () => {
  edition = (await loadEdition(fixture)).edition!
  chrome = await launchBrowser()
}, 60_000)

afterAll(async () => {
  await chrome?.close()
  rmSync(root, {recursive: true, force: true})
})

/**
 * The real browser, except that every page it opens gets `extra` HTML in its document: what a
 * hole in the sanitizer would let through from a pull request.
 */
function withInjectedHtml(browser: Browser, extra: string): Browser {
  return new Proxy(browser, {
    get(target, key) {
      if (key === 'newPage') {
        return async () => {
          const page = await target.newPage()
          // Read after renderPdf's own handler has dealt with the request.
          // (The rule continues data: URLs only, so a non-data request it handled was refused.)
          page.on('request', (request) => setImmediate(() => request.url().startsWith('data:') || outcomes.push(`${request.url()} ${request.isInterceptResolutionHandled() ? 'refused' : 'let through'}`)))
          page.on('response', (response) => response.url().startsWith('data:') || outcomes.push(`${response.url()} answered`))
          const setContent = page.setContent.bind(page)
          page.setContent = (html, options) => setContent(html.replace('</body>', `${extra}</body>`), options)
          return page
        }
      }
      const value: unknown = Reflect.get(target, key, target)
      return typeof value === 'function' ? value.bind(target) : value
    }
  })
}

describe('the page Chrome prints', () => {
  // (An <iframe> is not tried: puppeteer stalls a cross-origin frame's intercepted request, so it
  // would fetch nothing either, but the render would end at its time limit.)
  it('runs no script and fetches nothing from the network or the disk', async () => {
    const hostile = [
      `<script>document.body.append('SCRIPT RAN'); fetch('${origin}/fetch')</script>`,
      `<img src="${origin}/image.png">`,
      `<link rel="stylesheet" href="${origin}/style.css">`,
      '<img src="file:///etc/hostname">'
    ].join('')
    const render = await renderPdf({localized: sourceEdition(edition), browser: withInjectedHtml(chrome.browser, hostile)})
    const file = join(root, 'hostile.pdf')
    writeFileSync(file, render.bytes)
    // Each is refused by the page's rule before any connection; without it, they are let through.
    expect(outcomes.sort()).toEqual([`${origin}/image.png refused`, `${origin}/style.css refused`])
    expect(execFileSync('pdftotext', [file, '-'], {encoding: 'utf8'})).not.toContain('SCRIPT RAN')
  })

  it('still embeds its inlined fonts (data: URLs are the one thing allowed)', async () => {
    const render = await renderPdf({localized: sourceEdition(edition), browser: chrome.browser})
    const file = join(root, 'fonts.pdf')
    writeFileSync(file, render.bytes)
    const fonts = execFileSync('pdffonts', [file], {encoding: 'utf8'})
    expect(fonts).toContain('NotoSans-Regular')
    expect(fonts).toContain('NotoSans-Bold')
    expect(fonts).not.toMatch(/DejaVu|Liberation/)
  })
})
