import {exitCodes} from '@mltop10/core'
import type {CliIo} from '../run-cli.js'
import {loadEditions} from './load-editions.js'

/**
 * Validates every edition under `dir` and prints each problem with its position,
 * then one summary line per edition.
 *
 * @param dir A content folder (with `editions/`), an editions folder, or one edition folder.
 * @param io Output streams and working folder.
 * @returns 0 when every edition is clean, 1 when any has errors.
 */
export async function checkCommand(dir: string, io: CliIo): Promise<number> {
  const {ok} = await loadEditions(dir, io)
  return ok ? exitCodes.ok : exitCodes.contentErrors
}
