import {execFileSync} from 'node:child_process'
import {readFileSync} from 'node:fs'
import {dirname, relative} from 'node:path'
import {createTwoFilesPatch} from 'diff'
import {hashSource, normalizeSource} from '@mltop10/core'

/**
 * The changes to an English file since the version with a given hash, found in
 * the git history; or a note saying why no diff can be shown.
 *
 * @param path Absolute path of the English file.
 * @param sourceHash The hash a translation records (`source:`).
 * @param cwd Paths in the diff are relative to this folder.
 */
export function englishDiff(path: string, sourceHash: string, cwd: string): string {
  const current = readFileSync(path, 'utf8')
  try {
    const folder = dirname(path)
    const top = execFileSync('git', ['rev-parse', '--show-toplevel'], {cwd: folder, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore']}).trim()
    const file = relative(top, path)
    const commits = execFileSync('git', ['log', '--format=%H', '--', file], {cwd: top, encoding: 'utf8'}).split('\n').filter(Boolean)
    for (const commit of commits) {
      const old = execFileSync('git', ['show', `${commit}:${file}`], {cwd: top, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024})
      const normalised = normalizeSource(old)
      if (hashSource(normalised) === sourceHash) {
        return createTwoFilesPatch(`${relative(cwd, path)} (translated from ${commit.slice(0, 12)})`, `${relative(cwd, path)} (now)`, normalised, normalizeSource(current), undefined, undefined, {context: 2})
      }
    }
    return `(the version with hash ${sourceHash.slice(0, 12)}... is not in the git history of ${relative(cwd, path)})`
  } catch {
    return '(no git history available to show the changes)'
  }
}
