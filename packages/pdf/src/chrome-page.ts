import {tmpdir} from 'node:os'
import type {Browser, Page} from 'puppeteer-core'
import {exitCodes, MlTop10Error} from '@mltop10/core'

/**
 * The print document is built from Markdown anyone may change in a pull request; it needs no
 * script and nothing from outside (its fonts are inlined as data: URLs). So, in depth behind the
 * sanitizer: no script runs, and any other request (`http:`, `file:`, ...) is refused.
 */
export async function lockDown(page: Page): Promise<void> {
  await page.setJavaScriptEnabled(false)
  await page.setRequestInterception(true)
  page.on('request', (request) => {
    if (request.isInterceptResolutionHandled()) return
    const allowed = request.url().startsWith('data:')
    ;(allowed ? request.continue() : request.abort('blockedbyclient')).catch(() => undefined)
  })
}

/** The error of a browser that crashed, was killed or lost its page during a render. */
export function chromeStopped(label: string, why: string): MlTop10Error {
  return new MlTop10Error(`Chrome stopped while rendering the PDF ${label}`, `${why}. Check free memory and the Chrome installation (CHROME_PATH), then try again`, exitCodes.environment)
}

/** The error of a render past its time limit. */
function tooSlow(label: string, timeout: number): MlTop10Error {
  return new MlTop10Error(`Chrome did not finish the PDF ${label} within ${Math.round(timeout / 1000)} s`, 'Chrome may be hung or the machine overloaded: try again, or raise the limit with --pdf-timeout', exitCodes.environment)
}

// Errors puppeteer raises when Chrome misbehaves (as opposed to bugs in this package).
const chromeErrors = new Set(['ProtocolError', 'TargetCloseError', 'ConnectionClosedError', 'TimeoutError'])

/**
 * Runs a render, failing with exit code 3 and a message as soon as Chrome disconnects, its page
 * crashes (`work` calls `fail`) or the time limit passes, even when Chrome stops answering.
 */
export async function withLimit<T>(label: string, timeout: number, browser: Browser, work: (fail: (error: MlTop10Error) => void) => Promise<T>): Promise<T> {
  // Chrome may have died between two PDFs, before anyone listened for it.
  if (!browser.connected) throw chromeStopped(label, 'It exited: it crashed or was killed before this PDF began')
  let timer: NodeJS.Timeout | undefined
  let fail: (error: MlTop10Error) => void = () => undefined
  const failure = new Promise<never>((_, reject) => {
    fail = reject
    timer = setTimeout(() => reject(tooSlow(label, timeout)), timeout)
  })
  const onDisconnect = () => fail(chromeStopped(label, 'It exited: it crashed or was killed'))
  browser.once('disconnected', onDisconnect)
  const running = work(fail)
  // The losing side of the race must not become an unhandled rejection later.
  running.catch(() => undefined)
  try {
    return await Promise.race([running, failure])
  } catch (error) {
    if (error instanceof MlTop10Error) throw error
    if (!browser.connected) throw chromeStopped(label, 'It exited: it crashed or was killed')
    // A protocol call past puppeteer's own limit: `protocolTimeout`, set from the same --pdf-timeout.
    if (error instanceof Error && (error.name === 'TimeoutError' || /timed out/i.test(error.message))) throw tooSlow(label, timeout)
    // Chrome hands the PDF over through a file in the temporary folder: a full one fails the read.
    if (error instanceof Error && /\bIO\.read\b/.test(error.message)) throw new MlTop10Error(`Chrome could not hand over the PDF ${label}: ${error.message.split('\n')[0]!}`, `The temporary folder (${tmpdir()}) may be full: free space there, or set TMPDIR to a folder with room, then try again`, exitCodes.environment)
    if (error instanceof Error && chromeErrors.has(error.name)) throw chromeStopped(label, `It failed: ${error.message.split('\n')[0]!}`)
    throw error
  } finally {
    clearTimeout(timer)
    browser.off('disconnected', onDisconnect)
  }
}
