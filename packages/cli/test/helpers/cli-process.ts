import {spawn} from 'node:child_process'
import {readdirSync, readFileSync, readlinkSync} from 'node:fs'
import {mkdir} from 'node:fs/promises'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {build} from 'esbuild'

const cliRoot = fileURLToPath(new URL('../../', import.meta.url))

/** The repository root, whose `content/` the commands run on. */
export const repositoryRoot = join(cliRoot, '..', '..')

/**
 * Bundles the command from its current sources, as `pnpm build` does, so that a test never runs
 * a stale `dist/`. The bundle sits under the package's node_modules, where Node finds puppeteer.
 */
export async function bundleCli(): Promise<string> {
  const outDir = join(cliRoot, 'node_modules', '.cache', `mltop10-test-${process.pid}`)
  await mkdir(outDir, {recursive: true})
  const outfile = join(outDir, 'mltop10.js')
  await build({
    entryPoints: [join(cliRoot, 'src', 'main.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    conditions: ['@mltop10/source'],
    external: ['@puppeteer/browsers', 'puppeteer-core', 'subset-font'],
    logLevel: 'warning',
    banner: {js: "import {createRequire as __createRequire} from 'node:module'; const require = __createRequire(import.meta.url);"}
  })
  return outfile
}

/** A running `mltop10` process with its output so far. */
export interface CliProcess {
  readonly pid: number
  stdout(): string
  stderr(): string
  /** Settles when it exits. */
  readonly exit: Promise<{code: number | null; signal: NodeJS.Signals | null}>
}

/**
 * Starts the bundled command in the repository root. `TMPDIR` is a folder of the test's own, so
 * the Chrome profile, and with it every Chrome process of this run, can be told apart from the
 * browsers of anything else running on the machine.
 */
export function startCli(bundle: string, args: readonly string[], tmp: string): CliProcess {
  const child = spawn(process.execPath, [bundle, ...args], {cwd: repositoryRoot, env: {...process.env, TMPDIR: tmp}, stdio: ['ignore', 'pipe', 'pipe']})
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  const exit = new Promise<{code: number | null; signal: NodeJS.Signals | null}>((resolve) => child.once('exit', (code, signal) => resolve({code, signal})))
  return {pid: child.pid!, stdout: () => stdout, stderr: () => stderr, exit}
}

/** Polls until `check` returns a value other than undefined or false, or fails after `ms`. */
export async function waitFor<T>(what: string, check: () => T | undefined | false, ms: number): Promise<T> {
  const deadline = performance.now() + ms
  for (;;) {
    const value = check()
    if (value !== undefined && value !== false) return value
    if (performance.now() > deadline) throw new Error(`Timed out after ${ms} ms waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

/** A live process: its id and command line (zombies have none, and are not listed). */
export interface ProcessInfo {
  readonly pid: number
  readonly args: readonly string[]
}

/** Every live process whose command line mentions `text` (a profile path). */
export function processesMentioning(text: string): ProcessInfo[] {
  const found: ProcessInfo[] = []
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue
    try {
      const args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0')
      if (args.some((arg) => arg.includes(text))) found.push({pid: Number(entry), args})
    } catch {
      // It exited while we looked.
    }
  }
  return found
}

/** Chrome's own process (not one of its helpers) among processes mentioning `text`. */
export function browserProcess(text: string): ProcessInfo | undefined {
  return processesMentioning(text).find((info) => info.args.some((arg) => arg.startsWith('--user-data-dir=')) && !info.args.some((arg) => arg.startsWith('--type=')))
}

/** TCP sockets in the LISTEN state that one of these processes holds open. */
export function listeningTcpSockets(pids: readonly number[]): string[] {
  const inodes = new Set<string>()
  for (const pid of pids) {
    let fds: string[] = []
    try {
      fds = readdirSync(`/proc/${pid}/fd`)
    } catch {
      continue
    }
    for (const fd of fds) {
      try {
        const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`))
        if (match) inodes.add(match[1]!)
      } catch {
        // Closed while we looked.
      }
    }
  }
  const listening: string[] = []
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/)
      // Columns: sl local_address rem_address st ... inode (10th); state 0A is LISTEN.
      if (fields[3] === '0A' && inodes.has(fields[9]!)) listening.push(`${table} ${fields[1]}`)
    }
  }
  return listening
}
