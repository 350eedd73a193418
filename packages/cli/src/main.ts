import {closeLaunchedBrowsers} from '@mltop10/browser'
import {runCli} from './run-cli.js'

/** Exit codes of a command stopped by a signal: 128 + the signal's number, as shells report them. */
const signalExitCodes = {SIGINT: 130, SIGTERM: 143} as const

/** How long a stopped command may take to finish its own clean-up (dev closes its server). */
const cleanupMs = 2000

/**
 * A second signal this soon after the first is the same request arriving twice (Ctrl-C reaches
 * the whole process group, and a wrapper such as `pnpm` or `scripts/run-cli.mjs` forwards it
 * too), not a person insisting: it must not cut the clean-up short.
 */
const repeatMs = 1000

let stopping: number | undefined
let command: Promise<number> | undefined
for (const [signal, code] of Object.entries(signalExitCodes)) {
  process.on(signal, () => {
    // A deliberate second signal: leave at once; the browser package's exit hook still kills Chrome.
    if (stopping !== undefined) {
      if (performance.now() - stopping > repeatMs) process.exit(code)
      return
    }
    stopping = performance.now()
    process.stderr.write(`mltop10: stopped by ${signal}\n`)
    // Killing Chrome first makes a render in progress fail at once, so the command unwinds.
    void closeLaunchedBrowsers()
      .then(() => settledWithin(command, cleanupMs))
      .finally(() => process.exit(code))
  })
}

// A reader that stops early (`mltop10 i18n-status | head`) closes the pipe: the command goes on
// with its work and its exit code, and what it would still print is dropped.
let closedOutput = false
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error
  closedOutput = true
})
const stdout = {write: (text: string) => closedOutput || process.stdout.write(text)}
// Once stopping, what the command says about its interrupted work ("Chrome stopped") is noise.
const stderr = {write: (text: string) => stopping !== undefined || process.stderr.write(text)}
command = runCli(process.argv.slice(2), {stdout, stderr, cwd: process.cwd()})
process.exitCode = await command

/** Waits for a promise to settle, for at most `ms`. */
function settledWithin(promise: Promise<unknown> | undefined, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms)
    const done = () => {
      clearTimeout(timer)
      resolve()
    }
    promise?.then(done, done)
  })
}
