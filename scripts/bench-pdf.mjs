// Benchmarks the English PDF: the whole process (node start-up, content loading, Chrome launch,
// both render passes and post-processing), median of runs, with each step reported.
// With --compare, installs md-to-pdf 5.2 into a temporary folder (never as a dependency of the
// project), renders the same edition as one Markdown file with the same Chromium, and compares.
//
//   node scripts/bench-pdf.mjs [--runs 5] [--compare] [--json file]
import {execFileSync, spawnSync} from 'node:child_process'
import {mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const args = process.argv.slice(2)
const runs = Number(args[args.indexOf('--runs') + 1]) || 5
const jsonOut = args.includes('--json') ? args[args.indexOf('--json') + 1] : undefined
const editionDir = join(root, 'content/editions/2023')
const work = mkdtempSync(join(tmpdir(), 'mltop10-bench-pdf-'))
mkdirSync(join(work, 'no-locales'))
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

function time(command, commandArgs, options) {
  const started = process.hrtime.bigint()
  const result = spawnSync(command, commandArgs, {encoding: 'utf8', ...options})
  if (result.status !== 0) throw new Error(`${command} failed:\n${result.stderr}`)
  return {ms: Number(process.hrtime.bigint() - started) / 1e6, stdout: result.stdout}
}

const bin = join(root, 'packages/cli/bin/mltop10.js')
const number = (pattern, text) => Number(pattern.exec(text)?.[1])
const samples = []
for (let run = 0; run <= runs; run++) {
  // English only: an empty locales folder keeps translations out of the measurement.
  const {ms, stdout} = time(process.execPath, [bin, 'pdf', editionDir, '--out', join(work, 'ours'), '--locales', join(work, 'no-locales')])
  if (run === 0) continue
  samples.push({
    wall: ms,
    command: number(/pdf: done in (\d+) ms/, stdout),
    chromeWait: number(/Chrome ready after (\d+) ms more/, stdout),
    render: number(/KiB in (\d+) ms/, stdout),
    layout: number(/layout (\d+) ms/, stdout),
    firstPass: number(/first pass (\d+) ms/, stdout),
    secondPass: number(/second pass (\d+) ms/, stdout),
    postProcess: number(/post-processing (\d+) ms/, stdout),
    pages: number(/: (\d+) pages/, stdout),
    kib: number(/pages, (\d+) KiB/, stdout)
  })
}
const ours = Object.fromEntries(Object.keys(samples[0]).map((key) => [key, Math.round(median(samples.map((sample) => sample[key])))]))

let theirs
if (args.includes('--compare')) {
  const prefix = join(work, 'md-to-pdf')
  execFileSync('npm', ['install', '--silent', '--no-audit', '--no-fund', '--prefix', prefix, 'md-to-pdf@5.2'], {env: {...process.env, PUPPETEER_SKIP_DOWNLOAD: '1'}, stdio: 'inherit'})
  const manifest = readFileSync(join(editionDir, 'edition.yaml'), 'utf8')
  const names = [...manifest.matchAll(/^ {2}- (\S+)$/gm)].map((match) => match[1])
  const markdown = names.map((name) => readFileSync(join(editionDir, `${name}.md`), 'utf8').replace(/^---\n[\s\S]*?\n---\n/, '')).join('\n\n<div style="page-break-after: always"></div>\n\n')
  writeFileSync(join(work, 'edition.md'), markdown)
  const launch = JSON.stringify({executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']})
  const times = []
  for (let run = 0; run <= runs; run++) {
    const {ms} = time(join(prefix, 'node_modules/.bin/md-to-pdf'), [join(work, 'edition.md'), '--launch-options', launch], {env: {...process.env, PUPPETEER_SKIP_DOWNLOAD: '1', HOME: work}})
    if (run > 0) times.push(ms)
  }
  const pages = /Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [join(work, 'edition.pdf')], {encoding: 'utf8'}))?.[1]
  theirs = {wall: Math.round(median(times)), pages: Number(pages)}
}
rmSync(work, {recursive: true, force: true})

console.log(`English PDF, median of ${runs} runs (ms)`)
console.log(`  whole process (mltop10 pdf) ${ours.wall}: node start-up and exit ${ours.wall - ours.command}; content loading with Chrome starting beside it ${ours.command - ours.chromeWait - ours.render}, then waiting for Chrome ${ours.chromeWait}; layout ${ours.layout}, first pass ${ours.firstPass}, second pass ${ours.secondPass}, post-processing ${ours.postProcess}`)
console.log(`  ${ours.pages} pages, ${ours.kib} KiB`)
if (theirs) {
  const ratio = ours.wall / theirs.wall
  console.log(`md-to-pdf 5.2 on the same content: ${theirs.wall} ms, ${theirs.pages} pages (no page-numbered contents, no bookmarks)`)
  console.log(`ratio ${ratio.toFixed(2)} (target at most 0.80): ${ratio <= 0.8 ? 'met' : 'not met'}`)
}
if (jsonOut) writeFileSync(jsonOut, `${JSON.stringify({runs, ours, theirs}, null, 2)}\n`)
