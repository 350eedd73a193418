import {spawn, type ChildProcess} from 'node:child_process'
import {existsSync, mkdtempSync, rmSync} from 'node:fs'
import {rm} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import type {Readable, Writable} from 'node:stream'
import type {Browser} from 'puppeteer-core'
import {exitCodes, MlTop10Error} from '@mltop10/core'
import {PipeTransport} from './pipe-transport.js'
import {signalGroup, waitForGroupExit} from './process-group.js'
import {resolveChrome, type ResolveChromeOptions} from './resolve-chrome.js'

/**
 * Flags for headless Chrome on a locked-down machine: no sandbox as root, no network chatter.
 * DevTools is reached over a pipe (fds 3 and 4), never a TCP port any local process could
 * attach to.
 */
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
  '--disable-breakpad',
  '--font-render-hinting=none',
  '--remote-debugging-pipe'
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
  /** Process id of Chrome, which also leads the process group of its helpers (all but the crash handler). */
  readonly pid: number
  /** Profile folder, removed on close. */
  readonly profile: string
  /** Ends Chrome, waits for every one of its processes to exit and removes the profile. */
  close(): Promise<void>
}

/** A Chrome process group this process started and has not yet seen exit. */
interface Running {
  readonly pid: number
  readonly profile: string
  /** Settles when the Chrome process itself has exited. */
  readonly exited: Promise<void>
  browser?: Browser
  stopping?: Promise<void>
}

// Chrome processes are state of this process, like its signal handlers: the signal handler and
// the exit hook must reach every browser, including those launched by code that never returns.
const running = new Set<Running>()

/**
 * Launches headless Chrome once, to be reused for every page or PDF of a build.
 * The process starts at once and puppeteer (slow to import) is loaded while it
 * boots, so a caller that starts this early overlaps both with its own work.
 * Chrome gets a fresh profile in a temporary folder and writes nothing to `$HOME`.
 * It runs in its own process group and talks DevTools over a pipe: when this
 * process dies, the pipe closes and Chrome quits.
 *
 * @param options Browser path resolution and timeout.
 * @throws {MlTop10Error} When no browser is found or it fails to start (exit code 3).
 */
export async function launchBrowser(options: LaunchOptions = {}): Promise<LaunchedBrowser> {
  const {executablePath} = resolveChrome(options)
  const profile = mkdtempSync(join(profileBase(), 'mltop10-chrome-'))
  const timeout = Math.max(options.timeoutMs ?? 60_000, 30_000)
  const child = spawn(executablePath, [...chromeArgs, `--user-data-dir=${profile}`, 'about:blank'], {
    // Everything Chrome writes, its temporary files included, goes into the profile that close removes.
    env: {...process.env, XDG_CONFIG_HOME: profile, XDG_CACHE_HOME: profile, HOME: profile, TMPDIR: profile},
    // A group of its own: a Ctrl-C reaches this process alone, which then shuts Chrome down in
    // order (no "Chrome crashed" race), and the whole group can be waited for and killed.
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe']
  })
  const failed = (reason: string) => new MlTop10Error(`Chrome at ${executablePath} failed to start: ${reason}`, 'Check that it runs: `chromium --headless --no-sandbox --dump-dom about:blank`; set CHROME_PATH to another browser if not', exitCodes.environment)
  if (child.pid === undefined) {
    const error = await new Promise<Error>((resolve) => child.once('error', resolve))
    removeProfile(profile)
    throw failed(error.message)
  }
  let exitStatus = ''
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exitStatus = String(signal ?? code)
      resolve()
    })
  )
  const chrome: Running = {pid: child.pid, profile, exited}
  if (running.size === 0) process.on('exit', killAllNow)
  running.add(chrome)
  const stderr = collectTail(child)
  const transport = new PipeTransport(child.stdio[3] as Writable, child.stdio[4] as Readable)
  void exited.then(() => transport.chromeExited())
  try {
    const puppeteer = (await import('puppeteer-core')).default
    const connecting = puppeteer.connect({transport, protocolTimeout: timeout, defaultViewport: null})
    const exitedFirst = exited.then(() => Promise.reject(new Error(`it exited (${exitStatus}) before it was ready${stderr() ? `: ${stderr()}` : ''}`)))
    // Whichever side loses the race settles later, unobserved: that is expected.
    connecting.catch(() => undefined)
    exitedFirst.catch(() => undefined)
    chrome.browser = await withTimeout(timeout, Promise.race([exitedFirst, connecting]))
  } catch (error) {
    await stop(chrome)
    throw failed((error as Error).message.split('\n')[0]!)
  }
  return {browser: chrome.browser, executablePath, pid: chrome.pid, profile, close: () => stop(chrome)}
}

/**
 * Kills every browser this process launched and has not closed, waits for their
 * processes to exit and removes their profiles: for a command that is interrupted.
 */
export async function closeLaunchedBrowsers(): Promise<void> {
  await Promise.all([...running].map((chrome) => stop(chrome)))
}

/**
 * Stops Chrome once, however many callers ask, and waits until every process of its group
 * (zygotes, renderers, GPU, network) has exited before removing the profile. It is killed, not
 * asked to quit: its profile is thrown away, so nothing is lost, it takes a third of the time,
 * and a hung or stopped (SIGSTOP) Chrome ends all the same.
 */
function stop(chrome: Running): Promise<void> {
  chrome.stopping ??= (async () => {
    signalGroup(chrome.pid, 'SIGKILL')
    await chrome.exited
    await waitForGroupExit(chrome.pid, 5000, chrome.profile)
    running.delete(chrome)
    if (running.size === 0) process.off('exit', killAllNow)
    await rm(chrome.profile, {recursive: true, force: true, maxRetries: 5, retryDelay: 100}).catch(() => undefined)
  })()
  return chrome.stopping
}

/** Last resort when the process exits with browsers open: nothing asynchronous can run any more. */
function killAllNow(): void {
  for (const chrome of running) {
    signalGroup(chrome.pid, 'SIGKILL')
    removeProfile(chrome.profile)
  }
}

/** Settles like `work`, or fails after `timeout` ms. */
async function withTimeout<T>(timeout: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  try {
    return await Promise.race([work, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`it did not answer within ${timeout / 1000} s`)), timeout)))])
  } finally {
    clearTimeout(timer)
  }
}

/** Keeps reading Chrome's stderr (a full pipe would block it) and returns its last lines on demand. */
function collectTail(child: ChildProcess): () => string {
  let tail = ''
  child.stderr?.setEncoding('utf8')
  child.stderr?.on('data', (chunk: string) => {
    tail = (tail + chunk).slice(-2000)
  })
  return () => tail.trim().split('\n').slice(-3).join(' | ')
}

/**
 * Where profiles go: the temporary folder, unless its path is so long that Chrome's socket in
 * the profile (`<profile>/org.chromium.Chromium.XXXXXX/SingletonSocket`) would pass the 107
 * bytes a Unix socket path may have: Chrome then aborts at start ("Socket path too long").
 * Then `/tmp`, which every POSIX system has.
 */
export function profileBase(): string {
  const base = tmpdir()
  const longest = 107 - '/mltop10-chrome-XXXXXX/org.chromium.Chromium.XXXXXX/SingletonSocket'.length
  return Buffer.byteLength(base) <= longest || !existsSync('/tmp') ? base : '/tmp'
}

/** Removes a profile folder, with retries: a dying Chrome may still write to it. */
function removeProfile(profile: string): void {
  try {
    rmSync(profile, {recursive: true, force: true, maxRetries: 5, retryDelay: 100})
  } catch {
    // A leftover temporary folder is not worth hiding the real outcome for.
  }
}
