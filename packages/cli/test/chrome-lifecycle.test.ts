import {existsSync, readdirSync} from 'node:fs'
import {mkdtemp, rm} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {dirname, join} from 'node:path'
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest'
import {bundleCli, browserProcess, listeningTcpSockets, processesMentioning, startCli, waitFor, type CliProcess} from './helpers/cli-process.js'

// Every test runs the real command on the real content with the real Chrome, and watches the
// processes of that run only: they are the ones whose profile lies in the run's own TMPDIR.

let bundle: string
const folders: string[] = []

beforeAll(async () => {
  bundle = await bundleCli()
}, 60_000)

afterEach(() => {
  // A failed test must not leave its own command or Chrome (possibly stopped) behind.
  for (const folder of folders) {
    for (const {pid} of processesMentioning(folder)) {
      try {
        process.kill(pid, 'SIGKILL')
      } catch {
        // Already gone.
      }
    }
  }
})

afterAll(async () => {
  await Promise.all([...folders, dirname(bundle)].map((folder) => rm(folder, {recursive: true, force: true})))
})

/** What every command line of this run's Chrome processes contains: its profile's parent folder. */
const chromeMark = (tmp: string) => join(tmp, 'mltop10-chrome-')

/** Profile folders of this run still on disk. */
const profiles = (tmp: string) => readdirSync(tmp).filter((name) => name.startsWith('mltop10-chrome-'))

/** Starts `mltop10 pdf content --only-locale en` (or `extra` arguments) in a TMPDIR of its own. */
async function run(extra: readonly string[] = ['--only-locale', 'en']): Promise<{tmp: string; out: string; cli: CliProcess}> {
  const tmp = await mkdtemp(join(tmpdir(), 'mltop10-chrome-life-'))
  folders.push(tmp)
  const out = join(tmp, 'out')
  return {tmp, out, cli: startCli(bundle, ['pdf', 'content', '--no-cache', '--out', out, ...extra], tmp)}
}

/** Waits until the command has Chrome up and has begun the first PDF; returns Chrome's process. */
async function rendering(cli: CliProcess, tmp: string) {
  let exited = false
  void cli.exit.then(() => (exited = true))
  await waitFor(
    'the first PDF to start',
    () => {
      if (exited) throw new Error(`the command exited before rendering:\n${cli.stderr()}`)
      return cli.stdout().includes('pdf: Chrome ready')
    },
    60_000
  )
  return waitFor("Chrome's process", () => browserProcess(chromeMark(tmp)), 10_000)
}

describe('Chrome lives and dies with the command', () => {
  it('talks to Chrome over a pipe with no TCP port open, and leaves no process or profile after success', async () => {
    const {tmp, out, cli} = await run()
    const chrome = await rendering(cli, tmp)
    expect(chrome.args).toContain('--remote-debugging-pipe')
    expect(chrome.args.filter((arg) => arg.startsWith('--remote-debugging-port'))).toEqual([])
    const pids = processesMentioning(chromeMark(tmp)).map((info) => info.pid)
    expect(pids.length).toBeGreaterThan(1)
    expect(listeningTcpSockets(pids)).toEqual([])
    expect(await cli.exit).toEqual({code: 0, signal: null})
    // The command returns only once every Chrome process has exited and the profile is gone.
    expect(processesMentioning(chromeMark(tmp))).toEqual([])
    expect(profiles(tmp)).toEqual([])
    expect(readdirSync(out).filter((name) => name !== '.mltop10-output').sort()).toEqual(['2023-en-summary.pdf', '2023-en.pdf'])
  }, 120_000)

  it('takes Chrome with it when killed with SIGKILL mid-PDF', async () => {
    const {tmp, cli} = await run()
    await rendering(cli, tmp)
    process.kill(cli.pid, 'SIGKILL')
    expect(await cli.exit).toEqual({code: null, signal: 'SIGKILL'})
    // Nothing could clean up: Chrome quits by itself when its DevTools pipe closes.
    await waitFor('every Chrome process of the run to exit', () => processesMentioning(chromeMark(tmp)).length === 0, 5000)
  }, 120_000)

  it.each([
    ['SIGTERM', 143],
    ['SIGINT', 130]
  ] as const)('on %s to its pid alone, closes Chrome, removes its profile and exits %i', async (signal, code) => {
    const {tmp, out, cli} = await run()
    await rendering(cli, tmp)
    process.kill(cli.pid, signal)
    expect(await cli.exit).toEqual({code, signal: null})
    expect(processesMentioning(chromeMark(tmp))).toEqual([])
    expect(profiles(tmp)).toEqual([])
    expect(cli.stderr()).toBe(`mltop10: stopped by ${signal}\n`)
    expect(existsSync(out) ? readdirSync(out).filter((name) => name !== '.mltop10-output') : []).toEqual([])
  }, 120_000)

  it('exits 3 with a message, no stack trace, when Chrome crashes mid-PDF', async () => {
    const {tmp, out, cli} = await run()
    const chrome = await rendering(cli, tmp)
    const killed = performance.now()
    process.kill(chrome.pid, 'SIGKILL')
    expect(await cli.exit).toEqual({code: 3, signal: null})
    // Told by Chrome's exit, not by a protocol call timing out: the bound is generous for a
    // loaded machine, and the hint says which of the two it was.
    expect(performance.now() - killed).toBeLessThan(60_000)
    expect(cli.stderr()).toMatch(/^error: Chrome stopped while rendering the PDF 2023-en\n {2}hint: It exited: it crashed or was killed[^\n]*\n$/)
    expect(processesMentioning(chromeMark(tmp))).toEqual([])
    expect(profiles(tmp)).toEqual([])
    expect(existsSync(out) ? readdirSync(out).filter((name) => name !== '.mltop10-output') : []).toEqual([])
  }, 120_000)

  it('exits 3 with a message when Chrome died between two PDFs', async () => {
    const {tmp, out, cli} = await run([])
    const chrome = await rendering(cli, tmp)
    await waitFor('the first PDF and its summary sheet', () => cli.stdout().includes('2023-en-summary.pdf: '), 60_000)
    // Chrome dies while the command is not looking: it learns of it only after the fact.
    process.kill(cli.pid, 'SIGSTOP')
    process.kill(chrome.pid, 'SIGKILL')
    await waitFor('Chrome to exit', () => processesMentioning(chromeMark(tmp)).length === 0, 10_000)
    process.kill(cli.pid, 'SIGCONT')
    expect(await cli.exit).toEqual({code: 3, signal: null})
    expect(cli.stderr()).toMatch(/^error: Chrome stopped while rendering the PDF 2023-(ar|es|ja)\n {2}hint: [^\n]+\n$/)
    expect(profiles(tmp)).toEqual([])
    expect(readdirSync(out).filter((name) => name !== '.mltop10-output').sort()).toEqual(['2023-en-summary.pdf', '2023-en.pdf'])
  }, 120_000)

  it('holds --pdf-timeout when Chrome is frozen (SIGSTOP): exit 3 with the limit named, instead of waiting for Chrome', async () => {
    const {tmp, cli} = await run(['--only-locale', 'en', '--pdf-timeout', '5'])
    await rendering(cli, tmp)
    const stopped = performance.now()
    for (const {pid} of processesMentioning(chromeMark(tmp))) process.kill(pid, 'SIGSTOP')
    expect(await cli.exit).toEqual({code: 3, signal: null})
    // A frozen Chrome never answers: only the command's own limit ends this. The bound is
    // generous (a loaded machine runs the 5 s timer late) and far below the test's 120 s.
    expect(performance.now() - stopped).toBeLessThan(60_000)
    expect(cli.stderr()).toMatch(/^error: Chrome did not finish the PDF 2023-en within 5 s\n {2}hint: [^\n]+\n$/)
    expect(processesMentioning(chromeMark(tmp))).toEqual([])
    expect(profiles(tmp)).toEqual([])
  }, 120_000)

  it('exits 3 at once with a message when Chrome fails to start', async () => {
    const {tmp, cli} = await run(['--only-locale', 'en', '--chrome', '/bin/false'])
    const started = performance.now()
    expect(await cli.exit).toEqual({code: 3, signal: null})
    expect(performance.now() - started).toBeLessThan(60_000)
    expect(cli.stderr()).toBe('error: Chrome at /bin/false failed to start: it exited (1) before it was ready\n  hint: Check that it runs: `chromium --headless --no-sandbox --dump-dom about:blank`; set CHROME_PATH to another browser if not\n')
    expect(profiles(tmp)).toEqual([])
  }, 120_000)
})
