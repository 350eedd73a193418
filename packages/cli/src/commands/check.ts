import {exitCodes} from '@mltop10/core'
import type {CliIo} from '../run-cli.js'
import {loadEditions} from './load-editions.js'
import {loadLocalesFor} from './load-locales.js'

/**
 * Validates every edition under `dir`, then every locale beside it, and prints
 * each problem with its position, then one summary line per edition and locale.
 *
 * @param dir A content folder (with `editions/`), an editions folder, or one edition folder.
 * @param io Output streams and working folder.
 * @returns 0 when everything is clean, 1 when anything has errors.
 */
export async function checkCommand(dir: string, io: CliIo): Promise<number> {
  const {editions, contentDir, ok} = await loadEditions(dir, io)
  if (!ok) return exitCodes.contentErrors
  const locales = await loadLocalesFor(undefined, contentDir, editions, io)
  return locales.ok ? exitCodes.ok : exitCodes.contentErrors
}
