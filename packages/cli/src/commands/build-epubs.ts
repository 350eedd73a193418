import {join, relative} from 'node:path'
import {artifactNames} from '@mltop10/core'
import {buildEpub} from '@mltop10/epub'
import type {Language} from '@mltop10/i18n'
import {writeFileAtomically} from '@mltop10/output'
import type {CliIo} from '../run-cli.js'
import {ms} from './render-pdfs.js'

/** One EPUB written. */
export interface EpubOutput {
  /** File name, such as `2023-en.epub`. */
  readonly file: string
  readonly bytes: Uint8Array
}

/**
 * Builds the EPUB of every edition in every language into a folder, each written
 * under a temporary name and renamed into place, then prints one line with the
 * size and time of each (one line, so a new locale adds little to a build's output).
 *
 * @param languages The languages and their editions.
 * @param epubDir The output folder (already checked and marked by the caller).
 * @param options The date every book carries (default: SOURCE_DATE_EPOCH, else each edition's release date).
 * @param io Output streams and working folder.
 */
export async function buildEpubs(languages: readonly Language[], epubDir: string, options: {readonly sourceDateEpoch?: number | undefined}, io: CliIo): Promise<EpubOutput[]> {
  const outputs: EpubOutput[] = []
  const lines: string[] = []
  for (const language of languages) {
    for (const localized of language.editions.values()) {
      const started = performance.now()
      const file = artifactNames.epub(localized.edition.manifest.edition, localized.locale.code)
      const book = await buildEpub({localized, translator: language.translator, sourceDateEpoch: options.sourceDateEpoch})
      await writeFileAtomically(join(epubDir, file), book.bytes)
      outputs.push({file, bytes: book.bytes})
      lines.push(`${file.replace(/\.epub$/, '')} ${Math.round(book.bytes.byteLength / 1024)} KiB in ${ms(performance.now() - started)}`)
    }
  }
  io.stdout.write(`epub: ${relative(io.cwd, epubDir) || '.'}: ${lines.join(', ')}\n`)
  return outputs
}
