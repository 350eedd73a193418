import {chmodSync, mkdirSync, mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {dirname, join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {exitCodes, MlTop10Error} from '@mltop10/core'
import * as browser from '../src/index.js'

const folder = mkdtempSync(join(tmpdir(), 'mltop10-resolve-'))
const fake = join(folder, 'chromium')
writeFileSync(fake, '#!/bin/sh\n')
chmodSync(fake, 0o755)
const notExecutable = join(folder, 'chrome-data')
writeFileSync(notExecutable, '')

describe('public API', () => {
  it('exposes exactly the documented names', () => {
    expect(Object.keys(browser).sort()).toEqual(['chromeArgs', 'closeLaunchedBrowsers', 'launchBrowser', 'resolveChrome'])
  })
})

describe('resolveChrome', () => {
  it('prefers an explicit path over everything else', () => {
    expect(browser.resolveChrome({executablePath: fake, env: {CHROME_PATH: '/nowhere', PATH: ''}})).toEqual({executablePath: fake, source: 'option'})
  })

  it('uses CHROME_PATH next', () => {
    expect(browser.resolveChrome({env: {CHROME_PATH: fake, PATH: ''}})).toEqual({executablePath: fake, source: 'env'})
  })

  it('takes the newest Chrome of puppeteer\'s download cache before the system', () => {
    const cache = join(folder, 'puppeteer-cache')
    const installed = (buildId: string) => {
      const executable = join(cache, 'chrome', `linux-${buildId}`, 'chrome-linux64', 'chrome')
      mkdirSync(dirname(executable), {recursive: true})
      writeFileSync(executable, '#!/bin/sh\n')
      chmodSync(executable, 0o755)
      return executable
    }
    installed('131.0.6778.204')
    const newest = installed('148.0.7778.97')
    expect(browser.resolveChrome({env: {PUPPETEER_CACHE_DIR: cache, PATH: folder}})).toEqual({executablePath: newest, source: 'puppeteer'})
    expect(browser.resolveChrome({env: {PUPPETEER_CACHE_DIR: cache, PATH: folder}, puppeteerCache: false})).toEqual({executablePath: fake, source: 'system'})
    expect(browser.resolveChrome({env: {PUPPETEER_CACHE_DIR: join(folder, 'no-cache'), PATH: folder}})).toEqual({executablePath: fake, source: 'system'})
  })

  it('finds a system browser on PATH when nothing is set', () => {
    expect(browser.resolveChrome({env: {PATH: folder}, puppeteerCache: false})).toEqual({executablePath: fake, source: 'system'})
  })

  it('fails with exit code 3 and what to install when no browser exists', () => {
    const error = (() => {
      try {
        browser.resolveChrome({env: {PATH: join(folder, 'empty')}, puppeteerCache: false})
      } catch (caught) {
        return caught
      }
    })()
    expect(error).toBeInstanceOf(MlTop10Error)
    expect((error as MlTop10Error).message).toBe('Chrome was not found')
    expect((error as MlTop10Error).hint).toContain('apt-get install chromium')
    expect((error as MlTop10Error).exitCode).toBe(exitCodes.environment)
  })

  it('fails clearly when an explicit path does not exist', () => {
    expect(() => browser.resolveChrome({executablePath: '/opt/none/chrome', env: {PATH: ''}})).toThrow('The browser set by the --chrome option does not exist: /opt/none/chrome')
    expect(() => browser.resolveChrome({env: {CHROME_PATH: notExecutable, PATH: ''}})).toThrow('is not executable')
  })
})

describe('launchBrowser', () => {
  it('starts the real browser found on this machine and renders a page', async () => {
    const launched = await browser.launchBrowser()
    try {
      const page = await launched.browser.newPage()
      await page.setContent('<p id="x">rendered</p>')
      expect(await page.$eval('#x', (node) => node.textContent)).toBe('rendered')
    } finally {
      await launched.close()
    }
  })

  it('reports a browser that fails to start', async () => {
    await expect(browser.launchBrowser({executablePath: fake, timeoutMs: 5000})).rejects.toThrow(/failed to start/)
  })
})
