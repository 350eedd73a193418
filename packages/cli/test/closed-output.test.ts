import {spawn} from 'node:child_process'
import {rm} from 'node:fs/promises'
import {dirname} from 'node:path'
import {fileURLToPath} from 'node:url'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {bundleCli} from './helpers/cli-process.js'

const repository = fileURLToPath(new URL('../../../', import.meta.url))
let bundle: string

beforeAll(async () => {
  bundle = await bundleCli()
}, 120_000)
afterAll(() => rm(dirname(bundle), {recursive: true, force: true}))

describe('a reader that closes the output early', () => {
  it('ends the command with its own exit code, without an EPIPE stack trace', async () => {
    const child = spawn(process.execPath, [bundle, 'i18n-status', '--content', 'content', '--locales', 'locales'], {cwd: repository, stdio: ['ignore', 'pipe', 'pipe']})
    // The reader is gone before the first line: every write meets a closed pipe.
    child.stdout.destroy()
    let stderr = ''
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
    expect(stderr).not.toContain('EPIPE')
    expect(code).toBe(0)
  }, 60_000)
})
