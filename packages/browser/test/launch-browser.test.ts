import {existsSync, mkdtempSync, readdirSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {closeLaunchedBrowsers, launchBrowser, type LaunchedBrowser} from '../src/index.js'

/** Live processes whose command line mentions `profile` (zombies have none): this browser's. */
function processesOf(profile: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        return readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(profile)
      } catch {
        return false // it exited while we looked
      }
    })
    .map(Number)
}

/** The process group of a process, from /proc. */
function groupOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2])
}

/** Expects every process of the browser gone and its profile removed. */
function expectGone(chrome: LaunchedBrowser): void {
  expect(processesOf(chrome.profile)).toEqual([])
  expect(existsSync(chrome.profile)).toBe(false)
}

describe('launchBrowser', () => {
  it('starts Chrome when the temporary folder has a long path (its socket path would be too long for Unix)', async () => {
    const long = mkdtempSync(join(tmpdir(), `${'long-temporary-folder-'.repeat(4)}`))
    const saved = process.env['TMPDIR']
    process.env['TMPDIR'] = long
    try {
      const chrome = await launchBrowser()
      const page = await chrome.browser.newPage()
      await page.setContent('<p>ok</p>')
      expect(await page.$eval('p', (node) => node.textContent)).toBe('ok')
      expect(chrome.profile.startsWith(long)).toBe(false)
      await chrome.close()
      expect(existsSync(chrome.profile)).toBe(false)
    } finally {
      if (saved === undefined) delete process.env['TMPDIR']
      else process.env['TMPDIR'] = saved
      rmSync(long, {recursive: true, force: true})
    }
  })

  it('runs Chrome in a process group of its own, reached over a pipe and not a DevTools port', async () => {
    const chrome = await launchBrowser()
    try {
      const args = readFileSync(`/proc/${chrome.pid}/cmdline`, 'utf8').split('\0')
      expect(args).toContain('--remote-debugging-pipe')
      expect(args.filter((arg) => arg.startsWith('--remote-debugging-port'))).toEqual([])
      expect(groupOf(chrome.pid)).toBe(chrome.pid)
      // Every helper but the crash handler (a session of its own, found by the profile it names)
      // is in that group, so that close can wait for them all.
      const helpers = processesOf(chrome.profile).filter((pid) => !readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('crashpad'))
      for (const pid of helpers) expect(groupOf(pid)).toBe(chrome.pid)
    } finally {
      await chrome.close()
    }
  })

  it('close returns once every Chrome process has exited, and removes the profile', async () => {
    const chrome = await launchBrowser()
    const page = await chrome.browser.newPage()
    await page.setContent('<p>rendered</p>')
    expect(processesOf(chrome.profile).length).toBeGreaterThan(2)
    await chrome.close()
    expectGone(chrome)
  })

  it('close returns and cleans up after Chrome crashed', async () => {
    const chrome = await launchBrowser()
    const disconnected = new Promise((resolve) => chrome.browser.once('disconnected', resolve))
    process.kill(chrome.pid, 'SIGKILL')
    await disconnected
    await chrome.close()
    expectGone(chrome)
  })

  it('closeLaunchedBrowsers ends every browser still open', async () => {
    const browsers = [await launchBrowser(), await launchBrowser()]
    await closeLaunchedBrowsers()
    for (const chrome of browsers) {
      expectGone(chrome)
      // Its owner closing it afterwards is harmless.
      await chrome.close()
    }
  })
})
