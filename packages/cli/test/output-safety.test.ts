import {spawnSync} from 'node:child_process'
import {existsSync} from 'node:fs'
import {cp, mkdir, mkdtemp, readdir, readFile, rename, rm, stat, writeFile} from 'node:fs/promises'
import {createServer, type Server} from 'node:net'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {build} from 'esbuild'
import {afterAll, beforeAll, describe, expect, it, vi} from 'vitest'
import {runCli} from '../src/index.js'
import {fromSystemError} from '../src/system-error.js'

// A repository as users have it: .git, sources, translations, notes and an unrelated folder.
const baseEdition = fileURLToPath(new URL('../../core/test/fixtures/_base', import.meta.url))
const root = await mkdtemp(join(tmpdir(), 'mltop10-outsafe-'))
const home = await mkdtemp(join(tmpdir(), 'mltop10-outsafe-home-'))
await mkdir(join(root, '.git'))
await writeFile(join(root, '.git', 'HEAD'), 'ref: refs/heads/main\n')
await cp(baseEdition, join(root, 'content', 'editions', '2023'), {recursive: true})
await mkdir(join(root, 'locales'))
await writeFile(join(root, 'notes.txt'), 'uncommitted notes\n')
await mkdir(join(root, 'unrelated'))
await writeFile(join(root, 'unrelated', 'keep.txt'), 'keep me\n')
const dead = 99_999_999 // above any pid_max: no such process

beforeAll(() => {
  // os.homedir() reads HOME: an empty home of our own proves the home rule without risking the real one.
  vi.stubEnv('HOME', home)
})
afterAll(async () => {
  vi.unstubAllEnvs()
  await Promise.all([root, home].map((folder) => rm(folder, {recursive: true, force: true})))
})

async function run(argv: string[], cwd = root) {
  let stdout = ''
  let stderr = ''
  const code = await runCli(argv, {cwd, stdout: {write: (text: string) => (stdout += text)}, stderr: {write: (text: string) => (stderr += text)}})
  return {code, stdout, stderr}
}

/** Every entry under a folder with its kind, size and modification time, to prove nothing changed. */
async function listing(folder: string): Promise<string[]> {
  const entries = await readdir(folder, {recursive: true})
  return Promise.all(
    entries.sort().map(async (entry) => {
      const info = await stat(join(folder, entry))
      return `${entry} ${info.isDirectory() ? 'dir' : info.size} ${info.mtimeMs}`
    })
  )
}

describe('output folders the pipeline did not create are refused with exit 2, nothing touched', () => {
  it.each([
    {argv: ['build', 'content', '--no-pdf', '--out', '.'], message: 'Refusing to write to . (--out): it is the repository root'},
    {argv: ['build', 'content', '--no-pdf', '--out', 'content'], message: 'Refusing to write to content (--out): it is the content folder'},
    {argv: ['build', 'content', '--no-pdf', '--out', 'locales'], message: 'Refusing to write to locales (--out): it is the locales folder'},
    {argv: ['build', 'content', '--no-pdf', '--out', 'notes.txt'], message: 'Refusing to write to notes.txt (--out): it is a file, not a folder'},
    {argv: ['build', 'content', '--no-pdf', '--out', 'unrelated'], message: 'Refusing to write to unrelated (--out): it holds files that mltop10 did not write (it has no .mltop10-output file)'},
    {argv: ['build', 'content', '--no-pdf', '--out', home], message: `Refusing to write to ${home} (--out): it is your home folder`},
    {argv: ['build', 'content', '--out', 'out/site', '--pdf-out', '.'], message: 'Refusing to write to . (--pdf-out): it is the repository root'},
    {argv: ['build', 'content', '--out', 'out/site', '--pdf-out', 'unrelated'], message: 'Refusing to write to unrelated (--pdf-out): it holds files that mltop10 did not write (it has no .mltop10-output file)'},
    {argv: ['build', 'content', '--no-pdf', '--out', 'out/site', '--epub-out', 'unrelated'], message: 'Refusing to write to unrelated (--epub-out): it holds files that mltop10 did not write (it has no .mltop10-output file)'},
    {argv: ['build', 'content', '--no-pdf', '--out', 'out/site', '--epub-out', 'content'], message: 'Refusing to write to content (--epub-out): it is the content folder'},
    {argv: ['pdf', 'content', '--out', 'content'], message: 'Refusing to write to content (--out): it is the content folder'},
    {argv: ['pdf', 'content', '--out', 'notes.txt'], message: 'Refusing to write to notes.txt (--out): it is a file, not a folder'},
    {argv: ['dev', 'content', '--out', '.'], message: 'Refusing to write to . (--out): it is the repository root'},
    {argv: ['dev', 'content', '--out', 'unrelated'], message: 'Refusing to write to unrelated (--out): it holds files that mltop10 did not write (it has no .mltop10-output file)'}
  ])('mltop10 $argv', async ({argv, message}) => {
    const before = await listing(root)
    const homeBefore = await listing(home)
    const {code, stdout, stderr} = await run(argv)
    expect(stderr).toMatch(new RegExp(`^error: ${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\n {2}hint: [^\n]+\n$`))
    expect(stdout).toBe('')
    expect(code).toBe(2)
    expect(await listing(root)).toEqual(before)
    expect(await listing(home)).toEqual(homeBefore)
  })
})

describe('output folders the pipeline created', () => {
  it('replaces a folder it marked in an earlier build', async () => {
    expect((await run(['build', 'content', '--no-pdf', '--out', 'out/marked'])).code).toBe(0)
    expect(JSON.parse(await readFile(join(root, 'out', 'marked', '.mltop10-output'), 'utf8'))).toMatchObject({writtenBy: 'mltop10', output: 'site'})
    await writeFile(join(root, 'out', 'marked', 'stale.html'), 'from the last build')
    expect((await run(['build', 'content', '--no-pdf', '--out', 'out/marked'])).code).toBe(0)
    expect(existsSync(join(root, 'out', 'marked', 'stale.html'))).toBe(false)
    expect(existsSync(join(root, 'out', 'marked', 'en', '2023', 'index.html'))).toBe(true)
  })

  it('recovers a build killed between the two renames: the previous site is back even when the next build fails, then replaced', async () => {
    expect((await run(['build', 'content', '--no-pdf', '--out', 'out/killed'])).code).toBe(0)
    // What a build killed after moving the old site aside leaves: no site, the old one and a work folder.
    await rename(join(root, 'out', 'killed'), join(root, 'out', `killed.old-${dead}`))
    await mkdir(join(root, 'out', `killed.tmp-${dead}`, 'en'), {recursive: true})
    const about = join(root, 'content', 'editions', '2023', 'about.md')
    await writeFile(about, '---\ntitle: About\n---\n')
    const broken = await run(['build', 'content', '--no-pdf', '--out', 'out/killed'])
    await cp(join(baseEdition, 'about.md'), about)
    expect(broken.code).toBe(1)
    expect((await readdir(join(root, 'out'))).filter((name) => name.startsWith('killed')).sort()).toEqual(['killed'])
    expect(existsSync(join(root, 'out', 'killed', 'en', '2023', 'index.html'))).toBe(true)
    expect((await run(['build', 'content', '--no-pdf', '--out', 'out/killed'])).code).toBe(0)
  })

  it('leaves no PDF folder behind when the PDFs cannot be gathered', async () => {
    const {code, stderr} = await run(['build', 'content', '--prebuilt-pdfs', '--out', 'out/no-pdfs-site', '--pdf-out', 'out/no-pdfs'])
    expect(stderr).toMatch(/The PDF .*2023-en\.pdf has not been built/)
    expect(code).toBe(2)
    expect(existsSync(join(root, 'out', 'no-pdfs'))).toBe(false)
    expect(existsSync(join(root, 'out', 'no-pdfs-site'))).toBe(false)
  })
})

describe('mltop10 dev --port', () => {
  it.each(['abc', '70000', '1.5'])('refuses --port %s with exit 2, the message and the usage line', async (port) => {
    const {code, stderr} = await run(['dev', 'content', '--out', 'out/dev-bad-port', '--port', port])
    expect(stderr).toBe(`error: --port must be a whole number from 0 to 65535, not \`${port}\`\n  hint: Pass a free port such as 8080, or 0 to let the system pick one\n  usage: mltop10 dev [dir] [options]\n`)
    expect(code).toBe(2)
    expect(existsSync(join(root, 'out', 'dev-bad-port'))).toBe(false)
  })

  it('exits 3 naming a port that is already in use, writing nothing', async () => {
    const busy: Server = createServer()
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve))
    const port = (busy.address() as {port: number}).port
    try {
      const {code, stderr} = await run(['dev', 'content', '--out', 'out/dev-busy', '--port', String(port)])
      expect(stderr).toBe(`error: The port ${port} on 127.0.0.1 is already in use\n  hint: Stop the program that uses it, or pass another port with --port (0 picks a free one)\n`)
      expect(code).toBe(3)
      expect(existsSync(join(root, 'out', 'dev-busy'))).toBe(false)
    } finally {
      await new Promise((resolve) => busy.close(resolve))
    }
  })
})

describe('system errors become one line and a hint', () => {
  it('maps a real ENOSPC (writing /dev/full, a write that names no path) to exit 3', async () => {
    const error = await writeFile('/dev/full', 'x').catch((caught: unknown) => caught)
    const mapped = fromSystemError(error, root)
    expect(mapped?.message).toBe('Cannot write files: no space left on the disk')
    expect(mapped?.exitCode).toBe(3)
  })

  it('maps a real EADDRINUSE to exit 3 naming the port', async () => {
    const first = createServer()
    await new Promise<void>((resolve) => first.listen(0, '127.0.0.1', resolve))
    const port = (first.address() as {port: number}).port
    const second = createServer()
    const error = await new Promise((resolve) => second.once('error', resolve).listen(port, '127.0.0.1'))
    await new Promise((resolve) => first.close(resolve))
    expect(fromSystemError(error, root)?.message).toBe(`The port ${port} on 127.0.0.1 is already in use`)
  })

  it('leaves other errors to the caller', () => {
    expect(fromSystemError(new Error('a bug'), root)).toBeUndefined()
  })
})

// Read-only and full disks, made for real in a private mount namespace of a child process:
// as root, chmod does not stop writes, so a read-only bind mount and a tiny tmpfs stand in.
const canMount = spawnSync('unshare', ['-m', 'sh', '-c', 'mount -t tmpfs -o size=16k tmpfs /mnt'], {stdio: 'ignore'}).status === 0

describe.runIf(canMount)('on a read-only or full disk (real mounts in a private namespace via unshare -m)', () => {
  let bundle: string
  beforeAll(async () => {
    // The command as users run it: one bundled file, built here from the sources under test.
    // It lives in node_modules/.cache so that the external puppeteer-core and @puppeteer/browsers
    // still resolve.
    const folder = fileURLToPath(new URL('../node_modules/.cache/mltop10-outsafe/', import.meta.url))
    bundle = join(folder, 'mltop10.mjs')
    await build({
      entryPoints: [fileURLToPath(new URL('../src/main.ts', import.meta.url))],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      outfile: bundle,
      conditions: ['@mltop10/source'],
      external: ['@puppeteer/browsers', 'puppeteer-core', 'subset-font'],
      logLevel: 'error',
      banner: {js: "import {createRequire as __createRequire} from 'node:module'; const require = __createRequire(import.meta.url);"}
    })
  }, 60_000)
  afterAll(async () => {
    await rm(join(bundle, '..'), {recursive: true, force: true})
  })

  /** Runs mltop10 with `mount` set up on a fresh folder, then lists what is left in it. */
  async function runMounted(mount: string, argv: (folder: string) => string[], env: (folder: string) => Record<string, string> = () => ({})) {
    const folder = await mkdtemp(join(tmpdir(), 'mltop10-outsafe-mount-'))
    const script = `${mount} && node "$0" "$@"; code=$?; echo "left: $(ls -A "${folder}")"; exit $code`
    const child = spawnSync('unshare', ['-m', 'sh', '-c', script.replaceAll('DIR', folder), bundle, ...argv(folder)], {cwd: root, encoding: 'utf8', env: {...process.env, ...env(folder)}})
    await rm(folder, {recursive: true, force: true})
    return {code: child.status, stdout: child.stdout, stderr: child.stderr}
  }

  it('exits 3 with one line when the output folder is read-only', async () => {
    const {code, stdout, stderr} = await runMounted('mount --bind DIR DIR && mount -o remount,ro,bind DIR', (folder) => ['build', 'content', '--no-pdf', '--out', join(folder, 'site')])
    expect(stderr).toMatch(/^error: Cannot write \/.+\/site: the file system is read-only\n {2}hint: Build on a writable disk, or pass another folder with --out, --pdf-out or --epub-out\n$/)
    expect(stdout).toMatch(/left: \n$/)
    expect(code).toBe(3)
  }, 30_000)

  it('exits 3 with one line when the temporary folder fills up while Chrome hands over a PDF', async () => {
    const out = await mkdtemp(join(tmpdir(), 'mltop10-outsafe-pdf-'))
    try {
      const {code, stderr} = await runMounted('mount -t tmpfs -o size=256k tmpfs DIR', () => ['pdf', 'content', '--no-cache', '--only-locale', 'en', '--out', join(out, 'pdf')], (folder) => ({TMPDIR: folder}))
      expect(stderr).toMatch(/^error: Chrome could not hand over the PDF 2023-en: .+\n {2}hint: The temporary folder \(\/.+\) may be full: .+\n$/)
      expect(code).toBe(3)
    } finally {
      await rm(out, {recursive: true, force: true})
    }
  }, 120_000)

  it('exits 3 with one line when the disk fills up, and leaves no half-written site', async () => {
    const {code, stdout, stderr} = await runMounted('mount -t tmpfs -o size=64k tmpfs DIR', (folder) => ['build', 'content', '--no-pdf', '--out', join(folder, 'site')])
    expect(stderr).toMatch(/^error: Cannot write \/.+\/site: no space left on the disk\n {2}hint: Free some space on that disk .+\n$/)
    expect(stdout).toMatch(/left: \n$/)
    expect(code).toBe(3)
  }, 30_000)
})
