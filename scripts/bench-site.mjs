// Benchmarks the site build as a user runs it: `mltop10 build`, node start-up included.
// Prints wall time (median), ms per page and peak memory for the real edition and for
// synthetic editions with more pages (generated in a temporary folder), to show how it grows.
//
//   node scripts/bench-site.mjs [--runs 5] [--json file]
import {spawnSync} from 'node:child_process'
import {cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const args = process.argv.slice(2)
const runs = Number(args[args.indexOf('--runs') + 1]) || 5
const jsonOut = args.includes('--json') ? args[args.indexOf('--json') + 1] : undefined
const bin = join(root, 'packages/cli/bin/mltop10.js')
const preload = join(root, 'scripts/lib/report-rss.mjs')
const work = mkdtempSync(join(tmpdir(), 'mltop10-bench-'))

/** Copies the 2023 edition and adds `extra` pages (copies of the introduction) to it. */
function makeEdition(extra) {
  const dir = join(work, `x${extra}`, 'editions', '2023')
  cpSync(join(root, 'content/editions/2023'), dir, {recursive: true})
  const intro = readFileSync(join(dir, 'introduction.md'), 'utf8')
  const names = []
  for (let index = 1; index <= extra; index++) {
    const name = `extra-${String(index).padStart(4, '0')}`
    writeFileSync(join(dir, `${name}.md`), intro.replace(/^title: .*$/m, `title: Extra page ${index}`))
    names.push(`  - ${name}`)
  }
  const manifest = readFileSync(join(dir, 'edition.yaml'), 'utf8').replace('  - glossary\n', `${names.join('\n')}${names.length ? '\n' : ''}  - glossary\n`)
  writeFileSync(join(dir, 'edition.yaml'), manifest)
  return join(work, `x${extra}`)
}

function buildOnce(contentDir) {
  const out = join(work, 'out')
  const started = process.hrtime.bigint()
  const result = spawnSync(process.execPath, ['--import', preload, bin, 'build', contentDir, '--out', out, '--no-pdf'], {encoding: 'utf8'})
  const wall = Number(process.hrtime.bigint() - started) / 1e6
  if (result.status !== 0) throw new Error(`build failed:\n${result.stderr}`)
  const pages = Number(/site: (\d+) pages/.exec(result.stdout)?.[1])
  const rss = Number(/bench-peak-rss-kb=(\d+)/.exec(result.stderr)?.[1])
  return {wall, pages, rssMb: rss / 1024}
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
const rows = []
for (const extra of [0, 13, 39, 117]) {
  const contentDir = makeEdition(extra)
  buildOnce(contentDir) // warm the file system cache
  const samples = Array.from({length: extra === 0 ? runs : Math.max(3, Math.ceil(runs / 2))}, () => buildOnce(contentDir))
  const wall = median(samples.map((sample) => sample.wall))
  const pages = samples[0].pages
  const documents = readFileSync(join(contentDir, 'editions/2023/edition.yaml'), 'utf8').match(/^ {2}- /gm).length
  rows.push({documents, pages, wallMs: Math.round(wall), msPerPage: +(wall / pages).toFixed(2), peakRssMb: Math.round(Math.max(...samples.map((sample) => sample.rssMb)))})
}
rmSync(work, {recursive: true, force: true})

const base = rows[0]
console.log('site build (mltop10 build, node start-up included), median of runs')
console.log('documents  pages  wall ms  ms/page  peak MB  extra ms per extra page')
for (const row of rows) {
  const marginal = row === base ? '' : ((row.wallMs - base.wallMs) / (row.pages - base.pages)).toFixed(2)
  console.log(`${String(row.documents).padStart(9)}  ${String(row.pages).padStart(5)}  ${String(row.wallMs).padStart(7)}  ${String(row.msPerPage).padStart(7)}  ${String(row.peakRssMb).padStart(7)}  ${marginal.padStart(10)}`)
}
console.log(`target: at most 360 ms for the real edition (a tenth of VitePress 1.6's 3.6 s): ${base.wallMs <= 360 ? 'met' : 'not met'} (${base.wallMs} ms)`)
if (jsonOut) writeFileSync(jsonOut, `${JSON.stringify({runs, rows}, null, 2)}\n`)
