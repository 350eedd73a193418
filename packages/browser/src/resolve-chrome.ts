import {accessSync, constants, existsSync} from 'node:fs'
import {delimiter, join} from 'node:path'
import {createRequire} from 'node:module'
import {homedir} from 'node:os'
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
 * 2. puppeteer's own downloaded browser, when present;
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
  // puppeteer is slow to load: ask it for its browser only when its download cache exists.
  const cache = env['PUPPETEER_CACHE_DIR'] ?? join(env['HOME'] ?? homedir(), '.cache', 'puppeteer')
  if ((options.puppeteerCache ?? true) && existsSync(join(cache, 'chrome'))) {
    try {
      const puppeteer = createRequire(import.meta.url)('puppeteer') as {executablePath(): string}
      const downloaded = puppeteer.executablePath()
      if (downloaded && isExecutable(downloaded)) return {executablePath: downloaded, source: 'puppeteer'}
    } catch {
      // No downloaded browser for this puppeteer version: try the system next.
    }
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
