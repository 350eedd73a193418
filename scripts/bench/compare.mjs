// Measurements of other tools on the same content as our pipeline, for the benchmarks that
// compare with them. Each tool is installed with npm into a folder of `work` (never as a
// dependency of the project), built once to warm up and then `runs` times; nothing outside
// `work` is written or removed, and `work` is left for the caller to delete.
import {execFileSync} from 'node:child_process'
import {cpSync, mkdirSync, readFileSync, readdirSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {documentNames, scalar, splitFrontMatter} from '../lib/edition-files.mjs'
import {median, round} from '../lib/numbers.mjs'
import {run} from '../lib/workspace.mjs'

/**
 * The result of measuring a tool.
 *
 * @typedef {object} Measurement
 * @property {number} wallMs Median wall time of the timed runs, in milliseconds, rounded.
 * @property {number[]} samples Wall time of each timed run, in milliseconds, rounded to 0.1.
 * @property {number} pages Pages produced: HTML files for a site, PDF pages for a PDF.
 * @property {string} version Exact version of the tool that was installed.
 */

/**
 * What a failed child process said: its standard error when `execFileSync` captured it, else the
 * error's message.
 *
 * @param {unknown} error
 */
function failure(error) {
  const {stderr} = /** @type {{stderr?: unknown}} */ (error ?? {})
  if (typeof stderr === 'string' && stderr !== '') return stderr
  return error instanceof Error ? error.message : String(error)
}

/**
 * Installs `spec` with npm into `prefix` and returns the installed version of `name`.
 *
 * @param {string} prefix
 * @param {string} spec
 * @param {string} name
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {string}
 */
function npmInstall(prefix, spec, name, env = process.env) {
  mkdirSync(prefix, {recursive: true})
  try {
    execFileSync('npm', ['install', '--silent', '--no-audit', '--no-fund', '--prefix', prefix, spec], {env, stdio: ['ignore', 'inherit', 'pipe'], encoding: 'utf8'})
  } catch (error) {
    throw new Error(`npm install ${spec} into ${prefix} failed:\n${failure(error)}`)
  }
  return JSON.parse(readFileSync(join(prefix, 'node_modules', name, 'package.json'), 'utf8')).version
}

/**
 * Counts the files ending in `extension` under `dir`, recursively.
 *
 * @param {string} dir
 * @param {string} extension
 */
function countFiles(dir, extension) {
  return readdirSync(dir, {recursive: true}).filter((file) => String(file).endsWith(extension)).length
}

/**
 * Builds the edition with VitePress 1.6 as a site with local search (so it is comparable
 * to our site, which has a search index): installs vitepress@1.6 into `<work>/vitepress`,
 * copies the edition's documents into `<work>/vitepress/src` with a minimal config (title,
 * a sidebar listing the documents in order, `ignoreDeadLinks`), runs `vitepress build` once
 * to warm up and then `runs` times. Throws if a build fails or does not produce one HTML
 * page per document.
 *
 * @param {object} options
 * @param {string} options.editionDir Folder of the edition, with `edition.yaml` and `<name>.md` files.
 * @param {number} options.runs Number of timed builds after the warm-up build.
 * @param {string} options.work Scratch folder; left for the caller to delete.
 * @returns {Promise<Measurement>} `pages` counts every `.html` file built (VitePress adds a 404.html).
 */
export async function measureVitePress({editionDir, runs, work}) {
  const prefix = join(work, 'vitepress')
  const version = npmInstall(prefix, 'vitepress@1.6', 'vitepress')
  const names = documentNames(editionDir)
  // Inside the prefix, so the build resolves vue and the theme from its node_modules.
  const src = join(prefix, 'src')
  mkdirSync(join(src, '.vitepress'), {recursive: true})
  const items = names.map((name) => {
    cpSync(join(editionDir, `${name}.md`), join(src, `${name}.md`))
    const frontMatter = splitFrontMatter(readFileSync(join(src, `${name}.md`), 'utf8')).front
    const title = scalar(frontMatter, 'title') ?? name
    const id = scalar(frontMatter, 'id')
    return {text: id ? `${id} ${title}` : title, link: `/${name}`}
  })
  const title = scalar(readFileSync(join(editionDir, 'edition.yaml'), 'utf8'), 'title') ?? 'Edition'
  const config = {title, ignoreDeadLinks: true, themeConfig: {sidebar: items, search: {provider: 'local'}}}
  writeFileSync(join(src, '.vitepress/config.mjs'), `export default ${JSON.stringify(config, null, 2)}\n`)

  const cli = join(prefix, 'node_modules/vitepress/bin/vitepress.js')
  const outDir = join(src, '.vitepress/dist')
  const times = []
  for (let index = 0; index <= runs; index++) {
    // NODE_ENV set explicitly: a caller under vitest has NODE_ENV=test, which Vite would honour.
    const {ms} = run(process.execPath, [cli, 'build', src], {cwd: prefix, env: {...process.env, NODE_ENV: 'production'}})
    if (index > 0) times.push(ms)
  }
  const missing = names.filter((name) => {
    try {
      return readFileSync(join(outDir, `${name}.html`), 'utf8').length === 0
    } catch {
      return true
    }
  })
  if (missing.length > 0) throw new Error(`vitepress build produced no page for: ${missing.join(', ')}`)
  return {wallMs: Math.round(median(times)), samples: times.map((ms) => round(ms, 1)), pages: countFiles(outDir, '.html'), version}
}

/**
 * Renders the edition with md-to-pdf 5.2 as one PDF: installs md-to-pdf@5.2 into
 * `<work>/md-to-pdf` (with PUPPETEER_SKIP_DOWNLOAD=1), joins the documents, without their
 * front matter, into `<work>/edition.md` with a page break between them, renders it with
 * the given Chromium through `--launch-options`, once to warm up and then `runs` times,
 * and counts the pages of `<work>/edition.pdf` with `pdfinfo`.
 *
 * @param {object} options
 * @param {string} options.editionDir Folder of the edition, with `edition.yaml` and `<name>.md` files.
 * @param {number} options.runs Number of timed renders after the warm-up render.
 * @param {string} options.work Scratch folder; left for the caller to delete.
 * @param {string} [options.chromePath] Chromium executable; defaults to $CHROME_PATH, then /usr/bin/chromium.
 * @returns {Promise<Measurement>}
 */
export async function measureMdToPdf({editionDir, runs, work, chromePath = process.env.CHROME_PATH ?? '/usr/bin/chromium'}) {
  const prefix = join(work, 'md-to-pdf')
  const env = {...process.env, PUPPETEER_SKIP_DOWNLOAD: '1'}
  const version = npmInstall(prefix, 'md-to-pdf@5.2', 'md-to-pdf', env)
  const markdown = documentNames(editionDir).map((name) => splitFrontMatter(readFileSync(join(editionDir, `${name}.md`), 'utf8')).body).join('\n\n<div style="page-break-after: always"></div>\n\n')
  writeFileSync(join(work, 'edition.md'), markdown)
  const launch = JSON.stringify({executablePath: chromePath, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']})
  const times = []
  for (let index = 0; index <= runs; index++) {
    const {ms} = run(join(prefix, 'node_modules/.bin/md-to-pdf'), [join(work, 'edition.md'), '--launch-options', launch], {cwd: work, env: {...env, HOME: work}})
    if (index > 0) times.push(ms)
  }
  let info
  try {
    info = execFileSync('pdfinfo', [join(work, 'edition.pdf')], {encoding: 'utf8'})
  } catch (error) {
    throw new Error(`pdfinfo ${join(work, 'edition.pdf')} failed:\n${failure(error)}`)
  }
  const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1])
  return {wallMs: Math.round(median(times)), samples: times.map((ms) => round(ms, 1)), pages, version}
}

/**
 * Chrome's floor for a PDF: a node process that launches Chrome, sets md-to-pdf's own HTML of the
 * edition as a page's content and prints it once with md-to-pdf's settings (A4, its margins,
 * screen media), then closes Chrome; timed as a whole process,
 * like the tools it bounds. Uses the puppeteer that md-to-pdf installed (so call it after
 * `measureMdToPdf`, with the same `work`), and md-to-pdf's `--as-html` output of `<work>/edition.md`.
 *
 * @param {object} options
 * @param {number} options.runs Number of timed runs after the warm-up run.
 * @param {string} options.work Scratch folder of `measureMdToPdf`.
 * @param {string} [options.chromePath] Chromium executable; defaults to $CHROME_PATH, then /usr/bin/chromium.
 * @returns {Promise<Measurement>}
 */
export async function measureChromeFloor({runs, work, chromePath = process.env.CHROME_PATH ?? '/usr/bin/chromium'}) {
  const prefix = join(work, 'md-to-pdf')
  const env = {...process.env, PUPPETEER_SKIP_DOWNLOAD: '1', HOME: work}
  // md-to-pdf writes its HTML through Chrome too.
  const launch = JSON.stringify({executablePath: chromePath, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run']})
  run(join(prefix, 'node_modules/.bin/md-to-pdf'), [join(work, 'edition.md'), '--as-html', '--launch-options', launch], {cwd: work, env})
  // Beside md-to-pdf's node_modules, so `puppeteer` resolves to its copy.
  const script = join(prefix, 'floor.mjs')
  writeFileSync(
    script,
    `import {readFileSync} from 'node:fs'
import puppeteer from 'puppeteer'
const [html, out, executablePath] = process.argv.slice(2)
const browser = await puppeteer.launch({executablePath, headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']})
const page = await browser.newPage()
await page.emulateMediaType('screen')
await page.setContent(readFileSync(html, 'utf8'), {waitUntil: 'load'})
await page.pdf({path: out, format: 'a4', printBackground: true, margin: {top: '30mm', right: '40mm', bottom: '30mm', left: '20mm'}})
await browser.close()
`
  )
  const out = join(work, 'floor.pdf')
  const times = []
  for (let index = 0; index <= runs; index++) {
    const {ms} = run(process.execPath, [script, join(work, 'edition.html'), out, chromePath], {cwd: work, env})
    if (index > 0) times.push(ms)
  }
  let info
  try {
    info = execFileSync('pdfinfo', [out], {encoding: 'utf8'})
  } catch (error) {
    throw new Error(`pdfinfo ${out} failed:\n${failure(error)}`)
  }
  return {wallMs: Math.round(median(times)), samples: times.map((ms) => round(ms, 1)), pages: Number(/Pages:\s+(\d+)/.exec(info)?.[1]), version: 'one launch, one print'}
}
