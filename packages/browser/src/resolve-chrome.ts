import {accessSync, constants, existsSync} from 'node:fs'
import {delimiter, join} from 'node:path'
import {createRequire} from 'node:module'
import {homedir} from 'node:os'
import type * as PuppeteerBrowsers from '@puppeteer/browsers'
import {exitCodes, MlTop10Error} from '@mltop10/core'

/** Where a browser was found. */
export interface ResolvedChrome {
  readonly executablePath: string
  /** Which step of the resolution order found it. */
  readonly source: 'option' | 'env' | 'puppeteer' | 'system'
}

/** Options of `resolveChrome`. */
export interface ResolveChromeOptions {
  /** An explicit path (a command-line flag); it must exist. */
  readonly executablePath?: string | undefined
  /** Environment to read `CHROME_PATH` and `PATH` from. Default: `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>
  /** Whether to look in puppeteer's own download cache. Default: true. */
  readonly puppeteerCache?: boolean
}

const systemNames = ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome', 'chrome']

/**
 * Finds a Chrome or Chromium executable, in this documented order:
 * 1. `executablePath` (a flag), then the `CHROME_PATH` environment variable: either must exist;
 * 2. puppeteer's own downloaded Chrome (`PUPPETEER_CACHE_DIR`, by default `~/.cache/puppeteer`),
 *    the newest for this platform when there are several;
 * 3. a system browser on `PATH`: chromium, chromium-browser, google-chrome-stable, google-chrome.
 *
 * @param options Explicit path and environment.
 * @throws {MlTop10Error} With exit code 3 and what to install, when none is found.
 */
export function resolveChrome(options: ResolveChromeOptions = {}): ResolvedChrome {
  const env = options.env ?? process.env
  if (options.executablePath !== undefined) return {executablePath: mustExist(options.executablePath, 'the --chrome option'), source: 'option'}
  const fromEnv = env['CHROME_PATH']
  if (fromEnv) return {executablePath: mustExist(fromEnv, 'CHROME_PATH'), source: 'env'}
  const cache = env['PUPPETEER_CACHE_DIR'] ?? join(env['HOME'] ?? homedir(), '.cache', 'puppeteer')
  if ((options.puppeteerCache ?? true) && existsSync(join(cache, 'chrome'))) {
    const downloaded = downloadedChrome(cache)
    if (downloaded !== undefined) return {executablePath: downloaded, source: 'puppeteer'}
  }
  for (const folder of (env['PATH'] ?? '').split(delimiter).filter(Boolean)) {
    for (const name of systemNames) {
      const candidate = join(folder, name)
      if (isExecutable(candidate)) return {executablePath: candidate, source: 'system'}
    }
  }
  throw new MlTop10Error(
    'Chrome was not found',
    'Install Chromium (Debian/Ubuntu: apt-get install chromium), or set CHROME_PATH to a Chrome or Chromium executable. Looked at: CHROME_PATH, puppeteer\'s download cache, and chromium, chromium-browser, google-chrome-stable, google-chrome on PATH.',
    exitCodes.environment
  )
}

/**
 * The newest executable Chrome for this platform in puppeteer's download cache. The cache's
 * layout is the business of @puppeteer/browsers (the library puppeteer downloads with), loaded
 * only when the cache exists since it is slow to load.
 */
function downloadedChrome(cacheDir: string): string | undefined {
  let installed: PuppeteerBrowsers.InstalledBrowser[]
  let platform: PuppeteerBrowsers.BrowserPlatform | undefined
  try {
    const browsers = createRequire(import.meta.url)('@puppeteer/browsers') as typeof PuppeteerBrowsers
    platform = browsers.detectBrowserPlatform()
    installed = new browsers.Cache(cacheDir).getInstalledBrowsers().filter((entry) => entry.browser === browsers.Browser.CHROME)
  } catch {
    // An unreadable cache: try the system next.
    return undefined
  }
  return installed
    .filter((entry) => entry.platform === platform)
    // Build ids are dotted numbers (`148.0.7778.97`): numeric collation orders them.
    .sort((a, b) => b.buildId.localeCompare(a.buildId, 'en', {numeric: true}))
    .map((entry) => entry.executablePath)
    .find(isExecutable)
}

function mustExist(path: string, from: string): string {
  if (!existsSync(path)) {
    throw new MlTop10Error(`The browser set by ${from} does not exist: ${path}`, 'Point it at a Chrome or Chromium executable (for example /usr/bin/chromium), or unset it to search the system', exitCodes.environment)
  }
  if (!isExecutable(path)) throw new MlTop10Error(`The browser set by ${from} is not executable: ${path}`, 'Point it at a Chrome or Chromium executable, such as /usr/bin/chromium', exitCodes.environment)
  return path
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK)
    return true
  } catch {
    return false
  }
}
