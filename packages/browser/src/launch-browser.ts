import {spawn, type ChildProcess} from 'node:child_process'
import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import type {Browser} from 'puppeteer-core'
import {exitCodes, MlTop10Error} from '@mltop10/core'
import {resolveChrome, type ResolveChromeOptions} from './resolve-chrome.js'

/** Flags for headless Chrome on a locked-down machine: no sandbox as root, no network chatter. */
export const chromeArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  '--disable-extensions',
  '--font-render-hinting=none',
  '--remote-debugging-port=0'
] as const

/** Options of `launchBrowser`. */
export interface LaunchOptions extends ResolveChromeOptions {
  /** Longest time one protocol call may take before it fails (at least 30 s). Default: 60 s. */
  readonly timeoutMs?: number
}

/** A running browser with its own profile folder; `close` removes both. */
export interface LaunchedBrowser {
  readonly browser: Browser
  readonly executablePath: string
  /** Process id of Chrome. */
  readonly pid: number | undefined
  close(): Promise<void>
}

/**
 * Launches headless Chrome once, to be reused for every page or PDF of a build.
 * The process starts at once and puppeteer (slow to import) is loaded while it
 * boots, so a caller that starts this early overlaps both with its own work.
 * Chrome gets a fresh profile in a temporary folder and writes nothing to `$HOME`.
 *
 * @param options Browser path resolution and timeout.
 * @throws {MlTop10Error} When no browser is found or it fails to start (exit code 3).
 */
export async function launchBrowser(options: LaunchOptions = {}): Promise<LaunchedBrowser> {
  const {executablePath} = resolveChrome(options)
  const profile = mkdtempSync(join(tmpdir(), 'mltop10-chrome-'))
  const timeout = Math.max(options.timeoutMs ?? 60_000, 30_000)
  const child = spawn(executablePath, [...chromeArgs, `--user-data-dir=${profile}`, 'about:blank'], {
    env: {...process.env, XDG_CONFIG_HOME: profile, XDG_CACHE_HOME: profile, HOME: profile},
    stdio: ['ignore', 'ignore', 'pipe']
  })
  const puppeteer = import('puppeteer-core')
  let browser: Browser
  try {
    const endpoint = await devToolsEndpoint(child, timeout)
    browser = await (await puppeteer).default.connect({browserWSEndpoint: endpoint, protocolTimeout: timeout, defaultViewport: null})
  } catch (error) {
    child.kill('SIGKILL')
    removeProfile(profile)
    throw new MlTop10Error(`Chrome at ${executablePath} failed to start: ${(error as Error).message.split('\n')[0]}`, 'Check that it runs: `chromium --headless --no-sandbox --dump-dom about:blank`; set CHROME_PATH to another browser if not', exitCodes.environment)
  }
  return {
    browser,
    executablePath,
    pid: child.pid,
    async close() {
      // Cleanup must never hide the error that led here: a hung or dead browser is killed.
      const exited = child.exitCode === null ? new Promise((resolve) => child.once('exit', resolve)) : Promise.resolve()
      browser.close().catch(() => child.kill('SIGKILL'))
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000)
      await exited
      clearTimeout(timer)
      removeProfile(profile)
    }
  }
}

/** Waits for Chrome to print its DevTools address, or to fail. */
function devToolsEndpoint(child: ChildProcess, timeout: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = ''
    const timer = setTimeout(() => fail(new Error(`no DevTools address within ${timeout / 1000} s`)), timeout)
    const fail = (error: Error) => {
      clearTimeout(timer)
      reject(error)
    }
    child.once('error', fail)
    child.once('exit', (code, signal) => fail(new Error(`it exited (${signal ?? code}) before it was ready${output.trim() ? `: ${output.trim().split('\n').slice(-3).join(' | ')}` : ''}`)))
    child.stderr?.setEncoding('utf8')
    let ready = false
    child.stderr?.on('data', (chunk: string) => {
      // Keep reading after the address, or a chatty Chrome would block on a full pipe.
      if (ready) return
      output += chunk
      const match = /DevTools listening on (ws:\/\/\S+)/.exec(output)
      if (!match) return
      ready = true
      clearTimeout(timer)
      child.removeAllListeners('exit')
      resolve(match[1]!)
    })
  })
}

/** Removes a profile folder, with retries: a dying Chrome may still write to it. */
function removeProfile(profile: string): void {
  try {
    rmSync(profile, {recursive: true, force: true, maxRetries: 5, retryDelay: 100})
  } catch {
    // A leftover temporary folder is not worth hiding the real outcome for.
  }
}
