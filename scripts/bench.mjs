// `pnpm bench`: what the pipeline costs, measured as users run it, in one table.
//
// Every build is made in a copy of this workspace in a temporary folder (its own turbo cache,
// its own edits), never in your tree. Figures are medians over --runs; the table is also
// written as JSON, and compared with the figures recorded in docs/benchmarks/baseline.json so
// a regression shows as a change.
//
//   pnpm bench [--runs 3] [--quick] [--only builds,site,scaling,pdf,epub,dev,remote] [--compare]
//              [--json bench-results.json] [--record] [--fail-over PERCENT]
//
//   --quick    one run of each, scaling up to 10x (a smoke test of the figures, not a measurement)
//   --compare  also install VitePress 1.6 and md-to-pdf 5.2 into the temporary folder and
//              time them on the same edition, for the ratio targets
//   --record   write the results to docs/benchmarks/baseline.json and the scaling plot to
//              docs/benchmarks/scaling.svg
//   --fail-over exit 1 when a figure is more than PERCENT worse than the baseline (every figure
//              is lower-is-better), naming each one: a regression gate for CI on a quiet machine
import {spawn} from 'node:child_process'
import {randomBytes} from 'node:crypto'
import {appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync} from 'node:fs'
import {cpus, tmpdir, totalmem} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {measureChromeFloor, measureMdToPdf, measureVitePress} from './bench/compare.mjs'
import {scalingSvg} from './bench/plot.mjs'
import {readmeTable, replaceReadmeTable} from './bench/readme-table.mjs'
import {median, round} from './lib/numbers.mjs'
import {freePort, startRemoteCache} from './lib/remote-cache.mjs'
import {writeScaledContent} from './lib/synthetic.mjs'
import {cleanEnv, cloneWorkspace, copyWorkspace, run, turboRun} from './lib/workspace.mjs'

const root = fileURLToPath(new URL('..', import.meta.url))
const args = process.argv.slice(2)
/** @param {string} name */
const option = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined)
const sections = ['builds', 'site', 'scaling', 'pdf', 'epub', 'dev', 'remote', 'tests']
/**
 * @param {string} message
 * @returns {never}
 */
function usage(message) {
  process.stderr.write(`bench: ${message}\n  usage: pnpm bench [--runs N] [--quick] [--only ${sections.join(',')}] [--compare] [--json file] [--record] [--fail-over PERCENT]\n`)
  process.exit(2)
}
const known = new Set(['--runs', '--quick', '--only', '--compare', '--json', '--record', '--fail-over'])
for (const [index, arg] of args.entries()) {
  const takesValue = ['--runs', '--only', '--json', '--fail-over'].includes(args[index - 1] ?? '')
  if (!takesValue && !known.has(arg)) usage(`unknown option \`${arg}\``)
}
for (const name of ['--runs', '--only', '--json', '--fail-over']) {
  const value = option(name)
  if (args.includes(name) && (value === undefined || value.startsWith('--'))) usage(`\`${name}\` needs a value`)
}
const quick = args.includes('--quick')
const runs = option('--runs') === undefined ? (quick ? 1 : 3) : Number(option('--runs'))
if (!Number.isInteger(runs) || runs < 1 || runs > 50) usage(`\`--runs\` must be a whole number from 1 to 50, not \`${option('--runs')}\``)
const failOver = option('--fail-over') === undefined ? undefined : Number(option('--fail-over'))
if (failOver !== undefined && !(failOver >= 0)) usage(`\`--fail-over\` must be a percentage, not \`${option('--fail-over')}\``)
// The test suite takes minutes: measured with --compare (every row of the targets) or when named.
const only = new Set((option('--only') ?? sections.filter((name) => name !== 'tests' || args.includes('--compare')).join(',')).split(','))
for (const name of only) if (!sections.includes(name)) usage(`unknown section \`${name}\` in --only (sections: ${sections.join(', ')})`)
if (args.includes('--record') && (quick || only.size < sections.length)) usage('--record replaces the whole baseline: run every section (with --compare), without --quick')
const compare = args.includes('--compare')
const jsonOut = option('--json') ?? join(root, 'bench-results.json')
const baselinePath = join(root, 'docs/benchmarks/baseline.json')
const scales = quick ? [1, 10] : [1, 3, 10, 30, 100]
const bin = join(root, 'packages/cli/bin/mltop10.js')
const preload = join(root, 'scripts/lib/report-rss.mjs')
const work = mkdtempSync(join(tmpdir(), 'mltop10-bench-'))

/** @param {string} message */
const log = (message) => process.stderr.write(`bench: ${message}\n`)

/**
 * A figure the benchmark reports; `target` is the most it may be, `note` says how it was taken.
 *
 * @typedef {{max: number, text: string}} Target
 * @typedef {{id: string, label: string, value: number, unit: string, samples: number[], target: Target | undefined, note: string | undefined}} Metric
 */
/** @type {Metric[]} */
const metrics = []
/**
 * Records the median of `samples` (or one value) as the figure `id`.
 *
 * @param {string} id
 * @param {string} label
 * @param {number | number[]} samples
 * @param {string} unit
 * @param {{target?: Target | undefined, note?: string, digits?: number}} [options] `digits`: decimals kept (default 0).
 */
function record(id, label, samples, unit, {target, note, digits = 0} = {}) {
  const list = Array.isArray(samples) ? samples : [samples]
  metrics.push({id, label, value: round(median(list), digits), unit, samples: list.map((sample) => round(sample, 1)), target, note})
}

/**
 * Runs a command, sampling the memory of it and all its descendants (turbo, node, Chrome)
 * from /proc every 100 ms (PSS, so pages shared between processes count once); resolves to its
 * wall time and the peak.
 *
 * @param {string} command
 * @param {string[]} commandArgs
 * @param {{cwd: string, env: NodeJS.ProcessEnv}} options
 * @returns {Promise<{ms: number, peakMb: number, output: string}>}
 */
function runSampled(command, commandArgs, {cwd, env}) {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const child = spawn(command, commandArgs, {cwd, env, stdio: ['ignore', 'pipe', 'pipe']})
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    let peak = 0
    const timer = setInterval(() => {
      if (child.pid !== undefined) peak = Math.max(peak, treePssBytes(child.pid))
    }, 100)
    child.once('error', reject)
    child.once('exit', (code) => {
      clearInterval(timer)
      const ms = performance.now() - started
      if (code !== 0) reject(new Error(`${command} ${commandArgs.join(' ')} failed (${code}):\n${output}`))
      else resolve({ms, peakMb: peak / 1024 / 1024, output})
    })
  })
}

/**
 * Proportional set size (shared pages split between their processes) of a process tree.
 *
 * @param {number} rootPid
 */
function treePssBytes(rootPid) {
  /** @type {Map<number, number[]>} */
  const children = new Map()
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8')
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)])
    } catch {} // the process ended while we looked
  }
  let total = 0
  const stack = [rootPid]
  for (let pid = stack.pop(); pid !== undefined; pid = stack.pop()) {
    try {
      total += Number(/^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0) * 1024
    } catch {}
    stack.push(...(children.get(pid) ?? []))
  }
  return total
}

/**
 * Builds with turbo in the copy after `edit` (a function of the run number), timed; then undoes it.
 *
 * @param {string} copy
 * @param {string} file
 * @param {(index: number) => string} edit
 */
function timeEdit(copy, file, edit) {
  const path = join(copy, file)
  const original = readFileSync(path, 'utf8')
  const samples = []
  for (let index = 0; index < runs; index++) {
    appendFileSync(path, edit(index))
    samples.push(turboRun(copy, ['build']).ms)
    writeFileSync(path, original)
    turboRun(copy, ['build']) // back to the recorded state: a replay
  }
  return samples
}

async function benchBuilds() {
  log('copying the workspace and installing it offline')
  const copy = join(work, 'workspace')
  copyWorkspace(root, copy)
  log(`cold full builds (turbo run build --force: ${runs} run${runs === 1 ? '' : 's'})`)
  const cold = []
  const turbo = join(copy, 'node_modules/.bin/turbo')
  for (let index = 0; index < runs; index++) {
    // Cold means cold: without the PDF cache of unchanged PDFs too.
    rmSync(join(copy, 'content/node_modules/.cache/mltop10'), {recursive: true, force: true})
    cold.push(await runSampled(turbo, ['run', 'build', '--force', '--output-logs=errors-only'], {cwd: copy, env: cleanEnv()}))
  }
  const pages = readdirSync(join(copy, 'dist/site'), {recursive: true}).filter((file) => String(file).endsWith('.html')).length
  const pdfs = readdirSync(join(copy, 'dist/pdf')).filter((file) => file.endsWith('.pdf')).length
  record('build.cold', `cold full build: every package, ${pdfs} PDFs, site of ${pages} pages (all locales)`, cold.map((sample) => sample.ms), 'ms')
  record('build.peakMemory', 'peak memory of the cold build (turbo, node and Chrome processes together)', cold.map((sample) => sample.peakMb), 'MB')
  const noop = Array.from({length: Math.max(runs, 3)}, () => turboRun(copy, ['build']).ms)
  record('build.noop', 'no-op rebuild (every task replayed from the local cache)', noop, 'ms', {target: {max: 1000, text: 'under 1 s'}})
  log('rebuilds after editing one English page and one translated page')
  record('build.editEnglish', 'rebuild after editing one English page (all PDFs and the site)', timeEdit(copy, 'content/editions/2023/introduction.md', (index) => `\nAn edit for the benchmark, number ${index}.\n`), 'ms', {target: {max: 4000, text: 'at most 4 s'}})
  record('build.editTranslation', 'rebuild after editing one Spanish page (its PDF and the site)', timeEdit(copy, 'locales/es/editions/2023/introduction.md', (index) => `\nUn cambio para la medición, número ${index}.\n`), 'ms')
  return copy
}

/**
 * `pnpm test` as CI runs it (every type check, unit, browser and workflow test), from no cache.
 *
 * @param {string} copy
 */
async function benchTests(copy) {
  log('the test suite (pnpm test, every task forced): a few minutes')
  const turbo = join(copy, 'node_modules/.bin/turbo')
  let suite
  try {
    suite = await runSampled(turbo, ['run', 'typecheck', 'test', 'test:browser', 'test:workflow', '--force', '--output-logs=errors-only'], {cwd: copy, env: cleanEnv()})
  } catch (error) {
    // A failing suite has no time worth comparing: say so, and keep the other figures of the run.
    log(`the test suite failed, so it has no figure:\n${error instanceof Error ? error.message : String(error)}`)
    return
  }
  record('tests.suite', 'pnpm test: type checks, unit, browser and workflow tests, every task run (one run)', suite.ms, 'ms', {target: {max: 120_000, text: 'at most 2 min'}})
}

/** @param {string} copy */
async function benchRemote(copy) {
  log('remote cache: one machine builds, a clone with an empty local cache replays')
  const token = `bench-${process.pid}`
  const cache = await startRemoteCache({storageDir: join(work, 'remote-cache'), token})
  try {
    // turbo.json turns artifact signing on: without the key nothing would be uploaded or replayed.
    const env = cleanEnv({TURBO_API: cache.url, TURBO_TOKEN: token, TURBO_TEAM: 'team_mltop10', TURBO_REMOTE_CACHE_SIGNATURE_KEY: randomBytes(32).toString('hex')})
    turboRun(copy, ['build', '--force'], env)
    const clone = join(work, 'clone')
    cloneWorkspace(copy, clone)
    const samples = []
    for (let index = 0; index < Math.max(runs, 3); index++) {
      rmSync(join(clone, '.turbo/cache'), {recursive: true, force: true})
      const result = turboRun(clone, ['build'], env)
      const local = result.tasks.filter((task) => task.source !== 'REMOTE')
      if (local.length > 0) throw new Error(`not replayed from the remote cache: ${local.map((task) => task.taskId).join(', ')}`)
      samples.push(result.ms)
    }
    record('remote.replay', 'full build replayed from the remote cache on a second machine', samples, 'ms', {target: {max: 2000, text: 'under 2 s'}})
  } finally {
    await cache.stop()
  }
}

/**
 * @param {string} contentDir
 * @param {string} out
 */
function buildSiteOnce(contentDir, out) {
  const started = performance.now()
  const result = run(process.execPath, ['--import', preload, bin, 'build', contentDir, '--out', out, '--no-pdf', '--no-epub'], {cwd: root, env: cleanEnv()})
  const ms = performance.now() - started
  const pages = Number(/site: (\d+) pages/.exec(result.stdout)?.[1])
  const peakMb = Number(/bench-peak-rss-kb=(\d+)/.exec(result.stderr)?.[1]) / 1024
  return {ms, pages, peakMb}
}

async function benchSite() {
  // The English edition alone, as VitePress would build it; node start-up included.
  const contentDir = join(work, 'site-1x')
  writeScaledContent(join(root, 'content'), contentDir, 1)
  const {pages} = buildSiteOnce(contentDir, join(work, 'site-out')) // warms the file system cache
  const samples = Array.from({length: Math.max(runs, 5)}, () => buildSiteOnce(contentDir, join(work, 'site-out')))
  record('site.english', `site of the English edition (${pages} pages, mltop10 build --no-pdf, node start-up included)`, samples.map((sample) => sample.ms), 'ms')
  record('site.perPage', 'site build time per page (English edition)', samples.map((sample) => sample.ms / pages), 'ms', {digits: 1})
  // One command builds everything: every locale's site and PDF, with one shared Chrome.
  const full = []
  for (let index = 0; index < runs; index++) full.push(await runSampled(process.execPath, [bin, 'build', join(root, 'content'), '--no-cache', '--out', join(work, 'full-out'), '--pdf-out', join(work, 'full-pdf'), '--epub-out', join(work, 'full-epub')], {cwd: root, env: cleanEnv()}))
  record('build.command', 'mltop10 build: every locale\'s site, PDF, summary sheet and EPUB in one process and one Chrome (packages built)', full.map((sample) => sample.ms), 'ms', {target: {max: 8000, text: 'at most 8 s'}})
  // Each language's one-page summary sheet, as the full build reports it (beside its PDF, same browser).
  for (const match of (full[0]?.output ?? '').matchAll(/(\d{4})-([\w-]+)-summary\.pdf: summary sheet, 1 page, \d+ KiB in (\d+) ms/g)) {
    const locale = match[2]
    const times = full.map((sample) => Number(new RegExp(`${match[1]}-${locale}-summary\\.pdf: summary sheet, 1 page, \\d+ KiB in (\\d+) ms`).exec(sample.output)?.[1]))
    record(`pdf.${locale}.summary`, `summary sheet ${locale}: document, fit check, print and post-processing (in mltop10 build, beside the PDF)`, times, 'ms')
  }
  record('build.commandMemory', 'peak memory of mltop10 build (node and Chrome processes together)', full.map((sample) => sample.peakMb), 'MB')
  if (compare) {
    log('installing and timing VitePress 1.6 on the same edition')
    const vitepress = await measureVitePress({editionDir: join(root, 'content/editions/2023'), runs: Math.max(runs, 3), work: join(work, 'compare')})
    const ratio = median(samples.map((sample) => sample.ms)) / vitepress.wallMs
    record('site.vitepress', `VitePress ${vitepress.version} on the same edition (${vitepress.pages} pages, local search)`, vitepress.samples, 'ms')
    record('site.vitepressRatio', 'site build time as a share of VitePress\'s', ratio, 'ratio', {digits: 2, target: {max: 0.1, text: 'at most 0.1'}})
  }
}

/** @typedef {{factor: number, documents: number, pages: number, wallMs: number, msPerPage: number, peakRssMb: number}} ScalingRow */

async function benchScaling() {
  /** @type {ScalingRow[]} */
  const rows = []
  for (const factor of scales) {
    log(`scaling: a synthetic edition ${factor}x the real one`)
    const contentDir = join(work, `scale-${factor}x`)
    const {documents} = writeScaledContent(join(root, 'content'), contentDir, factor)
    const count = factor >= 30 ? Math.min(runs, 2) : runs
    const samples = Array.from({length: count}, () => buildSiteOnce(contentDir, join(work, `scale-${factor}x-out`)))
    rmSync(join(work, `scale-${factor}x-out`), {recursive: true, force: true})
    const wallMs = median(samples.map((sample) => sample.ms))
    const pages = median(samples.map((sample) => sample.pages))
    rows.push({factor, documents, pages, wallMs: round(wallMs), msPerPage: round(wallMs / pages, 2), peakRssMb: round(Math.max(...samples.map((sample) => sample.peakMb)))})
  }
  const smallest = rows[0]
  const largest = rows.at(-1)
  if (!smallest || !largest) throw new Error('scaling: no edition was measured')
  // Growth exponent between the smallest and each larger edition: 1 is linear, above 1 is worse.
  const worst = Math.max(...rows.slice(1).map((row) => Math.log(row.wallMs / smallest.wallMs) / Math.log(row.pages / smallest.pages)))
  record(`scaling.exponent.${largest.factor}x`, `growth of site build time with pages (exponent, ${smallest.pages} to ${largest.pages} pages; 1 = linear)`, worst, 'exponent', {digits: 2, target: {max: 1, text: 'at most linear'}})
  record(`scaling.perPage.${largest.factor}x`, `site build time per page at ${largest.factor}x (${largest.pages} pages)`, largest.msPerPage, 'ms', {digits: 1})
  record(`scaling.memory.${largest.factor}x`, `peak memory of the site build at ${largest.factor}x (${largest.pages} pages)`, largest.peakRssMb, 'MB', {target: largest.factor >= 100 ? {max: 1024, text: 'within 1 GB'} : undefined})
  return rows
}

/** Each locale's EPUB, as `mltop10 build` reports it (one process builds them all; the first also loads the font subsetter). */
function benchEpub() {
  /** @type {Map<string, number[]>} */
  const times = new Map()
  for (let index = 0; index <= runs; index++) {
    const {stdout} = run(process.execPath, [bin, 'build', join(root, 'content'), '--no-pdf', '--out', join(work, 'epub-site'), '--epub-out', join(work, 'epub')], {cwd: root, env: cleanEnv()})
    const line = /^epub: .*$/m.exec(stdout)?.[0]
    if (!line) throw new Error(`epub: mltop10 build printed no EPUB line:\n${stdout}`)
    if (index === 0) continue
    for (const match of line.matchAll(/(\S+) \d+ KiB in (\d+) ms/g)) {
      const name = String(match[1])
      times.set(name, [...(times.get(name) ?? []), Number(match[2])])
    }
  }
  for (const [name, samples] of times) record(`epub.${name.replace(/^\d+-/, '')}`, `EPUB ${name} (built in mltop10 build)`, samples, 'ms')
}

async function benchPdf() {
  const locales = readdirSync(join(root, 'locales')).filter((code) => existsSync(join(root, 'locales', code, 'locale.yaml')))
  for (const locale of ['en', ...locales]) {
    log(`PDF: ${locale}`)
    /** @type {Record<'wall' | 'chrome' | 'layout' | 'first' | 'second' | 'pages' | 'launch', number>[]} */
    const samples = []
    for (let index = 0; index <= runs; index++) {
      const started = performance.now()
      // The book alone, as md-to-pdf makes one: the summary sheet is timed in the full build.
      const {stdout} = run(process.execPath, [bin, 'pdf', join(root, 'content'), '--no-cache', '--no-summary', '--only-locale', locale, '--out', join(work, 'pdf')], {cwd: root, env: cleanEnv()})
      /** @param {RegExp} pattern */
      const number = (pattern) => Number(pattern.exec(stdout)?.[1] ?? Number.NaN)
      if (index > 0) samples.push({wall: performance.now() - started, chrome: number(/Chrome ready after (\d+) ms more/), layout: number(/layout (\d+) ms/), first: number(/first pass (\d+) ms/), second: number(/second pass (\d+) ms/), pages: number(/: (\d+) pages, \d+ KiB/), launch: number(/Chrome launch took (\d+) ms/)})
    }
    /** @param {keyof (typeof samples)[number]} key */
    const pick = (key) => samples.map((sample) => sample[key])
    record(`pdf.${locale}`, `PDF ${locale} (${median(pick('pages'))} pages): whole command`, pick('wall'), 'ms')
    record(`pdf.${locale}.launch`, `PDF ${locale}: Chrome ready, counted from the command's start (it launches beside content loading)`, pick('launch'), 'ms')
    record(`pdf.${locale}.waitForChrome`, `PDF ${locale}: waiting for Chrome after loading content (launch runs beside loading)`, pick('chrome'), 'ms')
    record(`pdf.${locale}.layout`, `PDF ${locale}: layout of the print document`, pick('layout'), 'ms')
    record(`pdf.${locale}.firstPass`, `PDF ${locale}: first render pass (page numbers)`, pick('first'), 'ms')
    record(`pdf.${locale}.secondPass`, `PDF ${locale}: second render pass (final)`, pick('second'), 'ms')
  }
  if (compare) {
    log('installing and timing md-to-pdf 5.2 on the same edition')
    const theirs = await measureMdToPdf({editionDir: join(root, 'content/editions/2023'), runs: Math.max(runs, 3), work: join(work, 'compare')})
    const ours = metrics.find((metric) => metric.id === 'pdf.en')?.value
    if (ours === undefined) throw new Error('pdf: the English PDF was not measured')
    record('pdf.mdToPdf', `md-to-pdf ${theirs.version} on the same edition (${theirs.pages} pages, no page-numbered contents, bookmarks or tags)`, theirs.samples, 'ms')
    record('pdf.mdToPdfRatio', 'English PDF time as a share of md-to-pdf\'s', ours / theirs.wallMs, 'ratio', {digits: 2, target: {max: 0.8, text: 'at most 0.8'}})
    log('timing Chrome\'s floor: node, one launch and one print of md-to-pdf\'s HTML')
    const floor = await measureChromeFloor({runs: Math.max(runs, 3), work: join(work, 'compare')})
    record('pdf.chromeFloor', `Chrome's floor: node, one Chrome launch and one print of md-to-pdf's HTML (${floor.pages} pages)`, floor.samples, 'ms')
    record('pdf.floorRatio', 'English PDF time as a multiple of Chrome\'s floor', ours / floor.wallMs, 'ratio', {digits: 2, target: {max: 1.5, text: 'at most 1.5'}})
  }
}

async function benchDev() {
  const {launchBrowser} = await import('@mltop10/browser')
  const dir = join(work, 'dev')
  for (const folder of ['content', 'locales']) cpSync(join(root, folder), join(dir, folder), {recursive: true, filter: (source) => !/[/\\](node_modules|dist|test|test-browser)$/.test(source)})
  const port = await freePort()
  const server = spawn(process.execPath, [bin, 'dev', join(dir, 'content'), '--out', join(dir, 'out'), '--port', String(port)], {cwd: dir, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe']})
  let output = ''
  server.stdout.on('data', (chunk) => (output += chunk))
  server.stderr.on('data', (chunk) => (output += chunk))
  const chrome = await launchBrowser()
  try {
    const deadline = Date.now() + 60_000
    while (!output.includes('dev: serving')) {
      if (server.exitCode !== null || Date.now() > deadline) throw new Error(`the dev server did not start:\n${output}`)
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    const page = await chrome.browser.newPage()
    // From writing the file to the `load` event of the reloaded page, both on the wall clock
    // (Chrome's navigation timing and this process's), so the figure holds no DevTools round trip.
    /**
     * @param {string} file Markdown file under the copy, edited by adding a paragraph after its first heading.
     * @param {string} path Site path of the page showing it.
     */
    const saves = async (file, path) => {
      await page.goto(`http://127.0.0.1:${port}/${path}`, {waitUntil: 'load'})
      const source = join(dir, file)
      const original = readFileSync(source, 'utf8')
      const samples = []
      const builds = []
      for (let index = 0; index <= Math.max(runs, 5); index++) {
        await page.waitForFunction(() => document.documentElement.dataset['devConnected'] === 'true', {timeout: 30_000})
        const before = output.length
        const reloaded = page.waitForNavigation({waitUntil: 'load', timeout: 30_000})
        const written = performance.timeOrigin + performance.now()
        writeFileSync(source, original.replace(/^(## .*\n\n)/m, `$1A saved edit, number ${index}.\n\n`))
        await reloaded
        const loaded = await page.evaluate(() => performance.timeOrigin + (/** @type {PerformanceNavigationTiming} */ (performance.getEntriesByType('navigation')[0])).loadEventStart)
        if (!(await page.content()).includes(`number ${index}.`)) throw new Error(`${path} reloaded without the edit`)
        if (index === 0) continue // the first rebuild warms up the process
        samples.push(loaded - written)
        builds.push(Number(/dev: built in (\d+) ms/.exec(output.slice(before))?.[1]))
      }
      return {samples, builds}
    }
    const english = await saves('content/editions/2023/ML01-input-manipulation-attack.md', 'en/2023/ml01-input-manipulation-attack/')
    record('dev.reload', 'dev server: from saving an English risk page to its open page reloaded (load event in Chrome)', english.samples, 'ms', {target: {max: 300, text: 'under 300 ms'}})
    record('dev.rebuild', 'dev server: of which rebuilding after the English page', english.builds, 'ms')
    const translated = await saves('locales/es/editions/2023/ML01-input-manipulation-attack.md', 'es/2023/ml01-input-manipulation-attack/')
    record('dev.reloadTranslation', 'dev server: from saving a translated risk page to its open page reloaded (load event in Chrome)', translated.samples, 'ms', {target: {max: 300, text: 'under 300 ms'}})
    record('dev.rebuildTranslation', 'dev server: of which rebuilding after the translated page', translated.builds, 'ms')
  } finally {
    await chrome.close()
    server.kill('SIGTERM')
  }
}

const started = performance.now()
/** @type {ScalingRow[]} */
let rows = []
try {
  if (only.has('site')) await benchSite()
  if (only.has('scaling')) rows = await benchScaling()
  if (only.has('pdf')) await benchPdf()
  if (only.has('epub')) benchEpub()
  if (only.has('dev')) await benchDev()
  let copy
  if (only.has('builds')) copy = await benchBuilds()
  if (only.has('remote')) {
    if (!copy) {
      copy = join(work, 'workspace')
      copyWorkspace(root, copy)
    }
    await benchRemote(copy)
  }
  if (only.has('tests')) {
    if (!copy) {
      copy = join(work, 'workspace')
      copyWorkspace(root, copy)
    }
    await benchTests(copy)
  }
} finally {
  rmSync(work, {recursive: true, force: true})
}

const baseline = existsSync(baselinePath) ? JSON.parse(readFileSync(baselinePath, 'utf8')) : undefined
/** @type {Map<string, number>} */
const before = new Map((/** @type {Metric[]} */ (baseline?.metrics ?? [])).map((metric) => [metric.id, metric.value]))
const machine = `${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown'}), ${round(totalmem() / 2 ** 30)} GiB, node ${process.versions.node}`
const header = ['metric', 'median', 'unit', 'target', 'vs baseline']
const table = [header, ...metrics.map((metric) => {
  const verdict = metric.target ? `${metric.value <= metric.target.max ? 'met' : 'NOT MET'} (${metric.target.text})` : ''
  const previous = before.get(metric.id)
  const change = previous ? `${metric.value >= previous ? '+' : ''}${round(((metric.value - previous) / previous) * 100)}%` : ''
  return [metric.label, String(metric.value), metric.unit, verdict, change]
})]
const widths = header.map((_, column) => Math.max(...table.map((row) => row[column]?.length ?? 0)))
console.log(`mltop10 benchmark: median of ${runs} run${runs === 1 ? '' : 's'} on ${machine}${baseline ? `; baseline from ${baseline.date}` : ''}`)
for (const [index, row] of table.entries()) {
  console.log(row.map((cell, column) => (column === 1 ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0))).join('  ').trimEnd())
  if (index === 0) console.log(widths.map((width) => '-'.repeat(width)).join('  '))
}
if (rows.length > 0) {
  console.log('\nsite build by edition size (synthetic editions: the real pages and copies of them)')
  console.log('scale  documents  pages  wall ms  ms/page  peak MB')
  for (const row of rows) console.log(`${`${row.factor}x`.padStart(5)}  ${String(row.documents).padStart(9)}  ${String(row.pages).padStart(5)}  ${String(row.wallMs).padStart(7)}  ${String(row.msPerPage).padStart(7)}  ${String(row.peakRssMb).padStart(7)}`)
}
console.log(`\n${round((performance.now() - started) / 1000)} s in all; JSON in ${jsonOut}`)
const result = {date: new Date().toISOString().slice(0, 10), machine, runs, metrics, scaling: rows}
writeFileSync(jsonOut, `${JSON.stringify(result, null, 2)}\n`)
if (args.includes('--record')) {
  mkdirSync(join(root, 'docs/benchmarks'), {recursive: true})
  writeFileSync(baselinePath, `${JSON.stringify(result, null, 2)}\n`)
  if (rows.length > 0) writeFileSync(join(root, 'docs/benchmarks/scaling.svg'), scalingSvg(rows, {title: 'Site build time and peak memory against pages'}))
  const readmePath = join(root, 'README.md')
  const caption = `Recorded on ${machine}, ${result.date} (median of ${runs} run${runs === 1 ? '' : 's'}; \`pnpm bench --compare --record\` writes this table):`
  writeFileSync(readmePath, replaceReadmeTable(readFileSync(readmePath, 'utf8'), readmeTable(metrics), caption))
  console.log('recorded in docs/benchmarks/')
}
if (failOver !== undefined) {
  const worse = metrics.flatMap((metric) => {
    const previous = before.get(metric.id)
    return previous && ((metric.value - previous) / previous) * 100 > failOver ? [{metric, previous}] : []
  })
  if (worse.length > 0) {
    console.log(`\nregressions over ${failOver}% against the baseline:`)
    for (const {metric, previous} of worse) console.log(`  ${metric.label}: ${previous} -> ${metric.value} ${metric.unit}`)
    process.exitCode = 1
  } else console.log(`no figure is more than ${failOver}% worse than the baseline`)
}
