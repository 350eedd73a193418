// Sums the vitest JSON reports of every workspace package into one closing line,
// "N passed, N failed", and fails when any test failed or none ran.
import {existsSync, readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'

const root = new URL('..', import.meta.url).pathname
const folders = ['content', 'scripts', ...['packages', 'locales'].flatMap((group) => (existsSync(join(root, group)) ? readdirSync(join(root, group)).map((name) => join(group, name)) : []))]
let passed = 0
let failed = 0
let skipped = 0
for (const folder of folders) for (const name of ['test-results.json', 'test-results-browser.json', 'test-results-workflow.json', 'test-results-slow.json']) {
  const path = join(root, folder, name)
  if (!existsSync(path)) continue
  const report = JSON.parse(readFileSync(path, 'utf8'))
  passed += report.numPassedTests
  failed += report.numFailedTests
  skipped += report.numPendingTests + (report.numTodoTests ?? 0)
  console.log(`${folder}/${name}: ${report.numPassedTests} passed, ${report.numFailedTests} failed`)
}
console.log(`Tests: ${passed} passed, ${failed} failed, ${skipped} skipped`)
process.exitCode = failed > 0 || passed === 0 ? 1 : 0
