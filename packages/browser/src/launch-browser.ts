import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import puppeteer, {type Browser} from 'puppeteer'
import {exitCodes, MlTop10Error} from '@mltop10/core'
import {resolveChrome, type ResolveChromeOptions} from './resolve-chrome.js'

/** Flags for headless Chrome on a locked-down machine: no sandbox as root, no network chatter. */
export const chromeArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  '--font-render-hinting=none'
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
  close(): Promise<void>
}

/**
 * Launches headless Chrome once, to be reused for every page or PDF of a build.
 * It gets a fresh profile in a temporary folder and writes nothing to `$HOME`.
 *
 * @param options Browser path resolution and timeout.
 * @throws {MlTop10Error} When no browser is found or it fails to start.
 */
export async function launchBrowser(options: LaunchOptions = {}): Promise<LaunchedBrowser> {
  const {executablePath} = resolveChrome(options)
  const profile = mkdtempSync(join(tmpdir(), 'mltop10-chrome-'))
  const timeout = options.timeoutMs ?? 60_000
  let browser: Browser
  try {
    browser = await puppeteer.launch({
      executablePath,
      headless: true,
      args: [...chromeArgs],
      userDataDir: profile,
      env: {...process.env, XDG_CONFIG_HOME: profile, XDG_CACHE_HOME: profile, HOME: profile},
      protocolTimeout: Math.max(timeout, 30_000),
      // Starting is bounded on its own: a short render limit must not stop a healthy launch.
      timeout: Math.max(timeout, 30_000)
    })
  } catch (error) {
    removeProfile(profile)
    throw new MlTop10Error(`Chrome at ${executablePath} failed to start: ${(error as Error).message.split('\n')[0]}`, 'Check that it runs: `chromium --headless --no-sandbox --dump-dom about:blank`; set CHROME_PATH to another browser if not', exitCodes.environment)
  }
  return {
    browser,
    executablePath,
    async close() {
      // Cleanup must never hide the error that led here: a hung browser is killed.
      const closing = browser.close().catch(() => undefined)
      const timer = new Promise((resolve) => setTimeout(resolve, 5000).unref())
      await Promise.race([closing, timer])
      browser.process()?.kill('SIGKILL')
      removeProfile(profile)
    }
  }
}

/** Removes a profile folder, with retries: a dying Chrome may still write to it. */
function removeProfile(profile: string): void {
  try {
    rmSync(profile, {recursive: true, force: true, maxRetries: 5, retryDelay: 100})
  } catch {
    // A leftover temporary folder is not worth hiding the real outcome for.
  }
}
