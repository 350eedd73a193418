// Copies of this workspace in temporary folders, and turbo runs inside them: the benchmark
// edits and builds a copy (never the user's tree), and the remote-cache test builds two.
import {execFileSync, spawnSync} from 'node:child_process'
import {createHash} from 'node:crypto'
import {copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync} from 'node:fs'
import {dirname, join, relative, resolve} from 'node:path'

/**
 * The environment for a build in a copy: this process's, without what a surrounding turbo,
 * pnpm or vitest run set (they would change task hashes or behaviour), plus `extra`.
 *
 * @param {Record<string, string>} [extra]
 * @returns {Record<string, string>}
 */
export function cleanEnv(extra = {}) {
  /** @type {Record<string, string>} */
  const env = {}
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined) continue
    if (/^(TURBO_|VITEST|npm_package_|npm_lifecycle_|PNPM_SCRIPT)/.test(key) || ['NODE_ENV', 'TEST', 'NODE_OPTIONS', 'INIT_CWD'].includes(key)) continue
    env[key] = value
  }
  return {...env, TURBO_TELEMETRY_DISABLED: '1', TURBO_NO_UPDATE_NOTIFIER: '1', ...extra}
}

/**
 * Copies the files git would commit (tracked and new, not ignored) of the workspace at `root`
 * into `dest`, and makes it a git repository with one commit. Nothing is installed: enough for
 * turbo's dry runs, which read only the files, the lockfile and the task configuration.
 *
 * @param {string} root
 * @param {string} dest
 */
export function copyCommittedFiles(root, dest) {
  const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {cwd: root, encoding: 'utf8'})
  for (const file of new Set(listed.split('\0').filter(Boolean))) {
    const from = join(root, file)
    if (!existsSync(from)) continue // deleted in the working tree
    mkdirSync(dirname(join(dest, file)), {recursive: true})
    copyFileSync(from, join(dest, file))
  }
  /** @param {string[]} args */
  const git = (...args) => execFileSync('git', ['-c', 'user.name=mltop10', '-c', 'user.email=mltop10@localhost', '-c', 'commit.gpgsign=false', ...args], {cwd: dest, stdio: 'pipe'})
  git('init', '--quiet', '--initial-branch=main')
  git('add', '--all')
  git('commit', '--quiet', '--no-verify', '--message', 'copy')
}

/**
 * Copies the workspace at `root` into `dest` as `copyCommittedFiles` does, and installs its
 * dependencies from the pnpm store without the network.
 *
 * @param {string} root
 * @param {string} dest
 * @returns {{installMs: number}}
 */
export function copyWorkspace(root, dest) {
  copyCommittedFiles(root, dest)
  return install(dest)
}

/**
 * Clones the git repository at `from` (a copy made by `copyWorkspace`) into `dest`, as a second
 * machine would check out the same commit, and installs its dependencies.
 *
 * @param {string} from
 * @param {string} dest
 * @returns {{installMs: number}}
 */
export function cloneWorkspace(from, dest) {
  execFileSync('git', ['clone', '--quiet', '--no-hardlinks', from, dest], {stdio: 'pipe'})
  return install(dest)
}

/** @param {string} dir */
function install(dir) {
  const started = performance.now()
  run('pnpm', ['install', '--offline', '--frozen-lockfile', '--reporter=silent'], {cwd: dir, env: cleanEnv({CI: '1'})})
  return {installMs: performance.now() - started}
}

/**
 * Gives the copy at `dest` the entries of the local turbo cache of the workspace at `root` for
 * the tasks `turbo run <args>` would run in the copy, as a shared cache would: tasks whose inputs
 * are the same as in `root` then replay there instead of running again, the others run. Nothing
 * of `root` changes.
 *
 * @param {string} root
 * @param {string} dest
 * @param {string[]} args turbo arguments after `run`, e.g. `['build', '--filter=./packages/*']`
 * @returns {{replayable: string[], missing: string[]}} task ids whose entry was found, and not
 */
export function seedTurboCache(root, dest, args) {
  const turbo = join(dest, 'node_modules', '.bin', 'turbo')
  /** @type {{tasks: {taskId: string, hash: string}[]}} */
  const dry = JSON.parse(run(turbo, ['run', ...args, '--dry=json'], {cwd: dest}).stdout)
  const sources = localTurboCaches(root)
  const target = join(dest, '.turbo', 'cache')
  mkdirSync(target, {recursive: true})
  const replayable = []
  const missing = []
  for (const {taskId, hash} of dry.tasks) {
    const source = sources.find((dir) => existsSync(join(dir, `${hash}.tar.zst`)))
    if (!source) {
      missing.push(taskId)
      continue
    }
    // The archive, its metadata and (in recent turbo versions) its file manifest.
    for (const name of readdirSync(source).filter((file) => file.startsWith(hash))) copyFileSync(join(source, name), join(target, name))
    replayable.push(taskId)
  }
  return {replayable, missing}
}

/**
 * Where the local turbo cache of the workspace at `root` may be: `TURBO_CACHE_DIR`, the default
 * `.turbo/cache`, and that of the main checkout when `root` is a linked git worktree (turbo
 * shares one cache between the worktrees of a repository).
 *
 * @param {string} root
 * @returns {string[]}
 */
function localTurboCaches(root) {
  const common = execFileSync('git', ['rev-parse', '--path-format=absolute', '--git-common-dir'], {cwd: root, encoding: 'utf8'}).trim()
  const fromEnv = process.env['TURBO_CACHE_DIR']
  const candidates = [...(fromEnv ? [resolve(root, fromEnv)] : []), join(root, '.turbo', 'cache'), join(dirname(common), '.turbo', 'cache')]
  return [...new Set(candidates)].filter((dir) => existsSync(dir))
}

/**
 * Runs a command and returns its wall time; throws with its output when it fails.
 *
 * @param {string} command
 * @param {string[]} args
 * @param {{cwd: string, env?: NodeJS.ProcessEnv}} options
 */
export function run(command, args, {cwd, env = cleanEnv()}) {
  const started = performance.now()
  const result = spawnSync(command, args, {cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024})
  const ms = performance.now() - started
  if (result.error) throw new Error(`${command} could not run: ${result.error.message}`)
  if (result.status !== 0) {
    const how = result.signal ? `signal ${result.signal}` : `exit code ${result.status}`
    throw new Error(`${command} ${args.join(' ')} failed in ${cwd} (${how}):\n${result.stdout}\n${result.stderr}`)
  }
  return {ms, stdout: result.stdout, stderr: result.stderr}
}

/**
 * Runs `turbo run <tasks>` in `cwd` with a run summary, and returns its wall time and each
 * task's cache result.
 *
 * @param {string} cwd
 * @param {string[]} args turbo arguments after `run`, e.g. `['build']`
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {{ms: number, tasks: {taskId: string, hash: string, status: string, source: string | undefined}[]}}
 */
export function turboRun(cwd, args, env = cleanEnv()) {
  const runsDir = join(cwd, '.turbo', 'runs')
  const before = new Set(existsSync(runsDir) ? readdirSync(runsDir) : [])
  const turbo = join(cwd, 'node_modules', '.bin', 'turbo')
  const {ms} = run(turbo, ['run', ...args, '--summarize', '--output-logs=errors-only'], {cwd, env})
  const summaryName = readdirSync(runsDir).find((name) => !before.has(name) && name.endsWith('.json'))
  if (!summaryName) throw new Error(`turbo wrote no run summary in ${runsDir}`)
  /** @type {{tasks: {taskId: string, hash: string, cache: {status: string, source?: string}}[]}} */
  const summary = JSON.parse(readFileSync(join(runsDir, summaryName), 'utf8'))
  const tasks = summary.tasks.map((task) => ({taskId: task.taskId, hash: task.hash, status: task.cache.status, source: task.cache.source}))
  return {ms, tasks}
}

/**
 * The sha256 of every file under `dir`, by path relative to it, leaving out dependencies,
 * git's and turbo's own folders.
 *
 * @param {string} dir
 * @returns {Map<string, string>}
 */
export function treeDigest(dir) {
  const skip = new Set(['node_modules', '.git', '.turbo'])
  const digests = new Map()
  /** @param {string} folder */
  const walk = (folder) => {
    for (const entry of readdirSync(folder, {withFileTypes: true}).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (skip.has(entry.name)) continue
      const path = join(folder, entry.name)
      if (entry.isDirectory()) walk(path)
      else if (entry.isFile()) digests.set(relative(dir, path), createHash('sha256').update(readFileSync(path)).digest('hex'))
    }
  }
  walk(dir)
  return digests
}
