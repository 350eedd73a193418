import {relative, resolve} from 'node:path'
import {exitCodes} from '@mltop10/core'
import {buildSite} from '@mltop10/site'
import type {CliIo} from '../run-cli.js'
import {loadEditions} from './load-editions.js'

/** Options of the build command. */
export interface BuildCommandOptions {
  /** Content folder, editions folder or one edition folder. */
  readonly dir: string
  /** Output folder of the site. */
  readonly out: string
  /** Absolute URL the site is served from. */
  readonly baseUrl: string | undefined
}

/**
 * Validates the content, then builds the site. Nothing is written when the
 * content has problems or a link is broken.
 *
 * @param options Folders and base URL.
 * @param io Output streams and working folder.
 */
export async function buildCommand(options: BuildCommandOptions, io: CliIo): Promise<number> {
  const started = performance.now()
  const {editions, ok} = await loadEditions(options.dir, io)
  if (!ok) {
    io.stderr.write('build stopped: fix the problems above; the previous output was left in place\n')
    return exitCodes.contentErrors
  }
  const loaded = performance.now()
  const outDir = resolve(io.cwd, options.out)
  const result = await buildSite({editions, outDir, baseUrl: options.baseUrl ?? process.env['MLTOP10_BASE_URL'] ?? undefined})
  const done = performance.now()
  io.stdout.write(`site: ${result.pages} pages, ${result.files} files, ${(result.bytes / 1024).toFixed(0)} KiB in ${relative(io.cwd, outDir) || '.'} (load ${ms(loaded - started)}, render ${ms(done - loaded)})\n`)
  return exitCodes.ok
}

function ms(value: number): string {
  return `${Math.round(value)} ms`
}
