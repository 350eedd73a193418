// Every `pnpm ...` line in the documentation's code blocks names a script that exists and uses no
// flag that pnpm 12 rejects: a reader can paste them as written. (The workflow tests run the
// important ones end to end.)
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {describe, expect, it} from 'vitest'

const root = fileURLToPath(new URL('../..', import.meta.url))
const documents = ['README.md', 'CONTRIBUTING.md', 'locales/README.md', 'content/README.md']
const scripts = Object.keys((JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {scripts: Record<string, string>}).scripts)
/** pnpm's own commands the documents may use besides the scripts. */
const builtins = new Set(['install', 'exec', 'add', 'run'])
/** Flags before the command that pnpm 12 takes (`-s` is gone since pnpm 11). */
const pnpmFlags = new Set(['--silent', '--offline', '--frozen-lockfile'])

/** Each `pnpm` command in a Markdown file, in fenced code blocks and inline code, with its line number. */
function pnpmLines(file: string): {line: number; words: string[]}[] {
  const found: {line: number; words: string[]}[] = []
  let fenced = false
  readFileSync(join(root, file), 'utf8')
    .split('\n')
    .forEach((text, index) => {
      if (/^\s*```/.test(text)) {
        fenced = !fenced
        return
      }
      if (!fenced) {
        for (const match of text.matchAll(/`((?:[A-Z_]+=\S*\s+)*pnpm\s[^`]+)`/g)) found.push({line: index + 1, words: match[1]!.trim().split(/\s+/).slice(match[1]!.trim().split(/\s+/).indexOf('pnpm') + 1)})
        return
      }
      for (const command of text.replace(/#.*$/, '').split(/&&|\|/)) {
        const words = command.trim().split(/\s+/)
        const at = words.findIndex((word) => word === 'pnpm')
        if (at !== -1 && words.slice(0, at).every((word) => /^[A-Z_]+=\S*$/.test(word))) found.push({line: index + 1, words: words.slice(at + 1)})
      }
    })
  return found
}

describe.each(documents.filter((file) => pnpmLines(file).length > 0))('%s', (file) => {
  const lines = pnpmLines(file)

  it.each(lines.map((entry) => [`${file}:${entry.line}: pnpm ${entry.words.join(' ')}`, entry] as const))('%s runs as written', (_, {words}) => {
    const flags = words.filter((word, index) => word.startsWith('-') && index < words.findIndex((other) => !other.startsWith('-')))
    for (const flag of flags) expect(pnpmFlags, `pnpm does not take ${flag}`).toContain(flag)
    const command = words.find((word) => !word.startsWith('-'))
    expect(command, 'no command after pnpm').toBeDefined()
    expect([...scripts, ...builtins], `no root script \`${command}\` in package.json`).toContain(command)
  })
})

it('finds the commands it checks', () => {
  expect(pnpmLines('README.md').length).toBeGreaterThan(8)
})
