// Turbo's cache keys follow what each task reads: an edit changes the hash of exactly the tasks
// that read the edited file, so no cached result is replayed for changed input and an unrelated
// edit reruns nothing. Dry runs only (no task runs), on a copy of this workspace.
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {copyCommittedFiles, run} from '../lib/workspace.mjs'

const root = fileURLToPath(new URL('../..', import.meta.url))
const turbo = join(root, 'node_modules', '.bin', 'turbo')
/** Every cached task the root scripts run (`pdf` comes in as a dependency of content's build). */
const tasks = ['build', 'check', 'typecheck', 'test', 'test:browser', 'test:workflow', 'test:slow']
const work = mkdtempSync(join(tmpdir(), 'mltop10-turbo-inputs-'))
const copy = join(work, 'repository')
let baseline = new Map<string, string>()

/** The hash of every task that has a script, by task id, from a dry run in the copy. */
function taskHashes(): Map<string, string> {
  const {stdout} = run(turbo, ['run', ...tasks, '--dry=json'], {cwd: copy})
  const summary = JSON.parse(stdout) as {tasks: {taskId: string; hash: string; command: string}[]}
  return new Map(summary.tasks.filter((task) => task.command !== '<NONEXISTENT>').map((task) => [task.taskId, task.hash]))
}

/** The tasks whose hash an edit of `file` (a line appended) changes; the file is restored after. */
function changedBy(file: string): string[] {
  const path = join(copy, file)
  const original = readFileSync(path)
  writeFileSync(path, Buffer.concat([original, Buffer.from('\n')]))
  try {
    const after = taskHashes()
    expect([...after.keys()].sort()).toEqual([...baseline.keys()].sort())
    return [...after].filter(([id, hash]) => baseline.get(id) !== hash).map(([id]) => id).sort()
  } finally {
    writeFileSync(path, original)
  }
}

beforeAll(() => {
  copyCommittedFiles(root, copy)
  baseline = taskHashes()
}, 60_000)

afterAll(() => rmSync(work, {recursive: true, force: true}))

describe('turbo task inputs', () => {
  it('finds the tasks it compares', () => {
    expect([...baseline.keys()]).toEqual(expect.arrayContaining(['@mltop10/content#build', '@mltop10/content#pdf', '@mltop10/core#test', '@mltop10/scripts#typecheck']))
  })

  it.each([
    {
      file: 'locales/ja/ui.json',
      // What builds, checks or tests the translations. The Chrome lifecycle test of the CLI
      // runs `mltop10 pdf content`, which loads every locale; the EPUB test runs epubcheck on books
      // of the real translations; the workflow and remote-cache tests build a copy of the repository.
      changes: ['@mltop10/cli#test', '@mltop10/content#build', '@mltop10/content#check', '@mltop10/content#pdf', '@mltop10/content#test', '@mltop10/content#test:browser', '@mltop10/epub#test', '@mltop10/scripts#test:slow', '@mltop10/scripts#test:workflow']
    },
    {
      file: 'locales/ja/terms.yaml',
      // The same, except the PDFs: the termbase checks pages and changes nothing they print.
      changes: ['@mltop10/cli#test', '@mltop10/content#build', '@mltop10/content#check', '@mltop10/content#test', '@mltop10/content#test:browser', '@mltop10/scripts#test:slow', '@mltop10/scripts#test:workflow']
    },
    {
      file: 'content/editions/2023/about.md',
      // The same, and the scripts' tests, whose synthetic editions are copies of the real one;
      // not content's typecheck, which reads only its test code.
      changes: ['@mltop10/cli#test', '@mltop10/content#build', '@mltop10/content#check', '@mltop10/content#pdf', '@mltop10/content#test', '@mltop10/content#test:browser', '@mltop10/epub#test', '@mltop10/scripts#test', '@mltop10/scripts#test:slow', '@mltop10/scripts#test:workflow']
    },
    {
      file: 'packages/site/test/helpers.ts',
      // A test file reruns its package's tests, never its build.
      changes: ['@mltop10/site#test', '@mltop10/site#typecheck']
    }
  ])('an edit of $file changes the hash of exactly the tasks that read it', ({file, changes}) => {
    expect(changedBy(file)).toEqual(changes)
  })

  it('reruns every test and typecheck, and no build, for an edit of the shared vitest settings', () => {
    const readers = [...baseline.keys()].filter((id) => /#(test|test:browser|test:slow|test:workflow|typecheck)$/.test(id)).sort()
    expect(readers.length).toBeGreaterThan(10)
    expect(changedBy('vitest.shared.ts')).toEqual(readers)
  })
})
