import {execFile} from 'node:child_process'
import {accessSync, constants, openSync, readSync, closeSync, realpathSync} from 'node:fs'
import {mkdtemp, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {delimiter, join} from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {buildEpub} from '../src/index.js'
import {loadRealLanguages} from './real-content.js'

/**
 * How to run epubcheck: Debian's `/usr/bin/epubcheck` is the jar itself, started through
 * binfmt_misc where that is set up (not in most containers), so a jar is run with `java -jar`.
 */
function epubcheckCommand(): [string, string[]] {
  const found = (process.env['PATH'] ?? '').split(delimiter).map((dir) => join(dir, 'epubcheck')).find((path) => {
    try {
      accessSync(path, constants.X_OK)
      return true
    } catch {
      return false
    }
  })
  if (!found) throw new Error('epubcheck was not found on PATH: install the Debian package (bash scripts/bootstrap.sh does, or apt-get install --no-install-recommends epubcheck)')
  const real = realpathSync(found)
  const head = Buffer.alloc(2)
  const fd = openSync(real, 'r')
  readSync(fd, head, 0, 2, 0)
  closeSync(fd)
  return head.toString('latin1') === 'PK' ? ['java', ['-jar', real]] : [real, []]
}

/** Runs epubcheck on a file: its whole report, and whether it found nothing at all. */
function epubcheck(path: string): Promise<{clean: boolean; report: string}> {
  const [command, args] = epubcheckCommand()
  return new Promise((resolve, reject) => {
    execFile(command, [...args, path], {maxBuffer: 16 * 1024 * 1024}, (error, stdout, stderr) => {
      const report = `${stdout}${stderr}`
      if (error && !/Messages:/.test(report)) reject(new Error(`epubcheck did not run (${command} ${args.join(' ')}): ${error.message}\n${report}`))
      else resolve({clean: !error && /Messages: 0 fatals \/ 0 errors \/ 0 warnings/.test(report), report})
    })
  })
}

const dir = await mkdtemp(join(tmpdir(), 'mltop10-epubcheck-'))
afterAll(() => rm(dir, {recursive: true, force: true}))

describe('the EPUBs of the repository content', async () => {
  const languages = await loadRealLanguages()
  // English, a right-to-left language and a CJK one: the scripts, directions and fonts that differ.
  const checked = ['en', 'ar', 'ja']

  it('has the languages checked here', () => {
    expect(languages.map((language) => language.locale.code)).toEqual(expect.arrayContaining(checked))
  })

  it('passes epubcheck with no error and no warning in English, Arabic and Japanese', async () => {
    const books = await Promise.all(
      checked.map(async (code) => {
        const language = languages.find((candidate) => candidate.locale.code === code)!
        const localized = language.editions.get('2023')!
        const book = await buildEpub({localized, translator: language.translator})
        const path = join(dir, `2023-${code}.epub`)
        await writeFile(path, book.bytes)
        return {code, path, bytes: book.bytes.byteLength}
      })
    )
    // A book with every page and the script's fonts stays small enough for any reader.
    for (const book of books) expect(book.bytes, book.code).toBeLessThan(2 * 1024 * 1024)
    const reports = await Promise.all(books.map(async (book) => ({...book, ...(await epubcheck(book.path))})))
    for (const {code, clean, report} of reports) expect(clean, `epubcheck on the ${code} EPUB:\n${report}`).toBe(true)
  }, 240_000)
})
