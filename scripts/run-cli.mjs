// Runs `mltop10` from the root scripts (`pnpm i18n:status`, `pnpm translate`, `pnpm locale:add`,
// `pnpm release`) after building it through turbo, so a fresh clone or a pull that changed the
// command line never runs a missing or stale `packages/cli/dist`. The build is silent when it
// succeeds (a replay takes a fraction of a second) and prints turbo's log when it fails.
//
//   node scripts/run-cli.mjs [--from-source] <command> [arguments...]
//
// --from-source rebuilds the packages without reading any cache, and uploads nothing (releases never run cached tools).
import {spawn, spawnSync} from 'node:child_process'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const args = process.argv.slice(2)
const fromSource = args[0] === '--from-source'
if (fromSource) args.shift()

const turbo = spawnSync('pnpm', ['exec', 'turbo', 'run', 'build', '--filter=@mltop10/cli...', '--output-logs=errors-only', ...(fromSource ? ['--cache=local:w'] : [])], {
  cwd: root,
  encoding: 'utf8',
  env: {TURBO_TELEMETRY_DISABLED: '1', TURBO_NO_UPDATE_NOTIFIER: '1', ...process.env},
  maxBuffer: 64 * 1024 * 1024
})
if (turbo.error || turbo.status !== 0) {
  process.stderr.write(`${turbo.stdout ?? ''}${turbo.stderr ?? ''}`)
  process.stderr.write(`error: building the mltop10 command failed${turbo.error ? ` (${turbo.error.message})` : ''}\n  hint: Run \`pnpm install\`, then \`pnpm build\` to see every error\n`)
  process.exit(turbo.status || 3)
}

// Like every root script, the command runs at the repository root: its default folders are content/, locales/ and release/.
const child = spawn(process.execPath, [join(root, 'packages', 'cli', 'bin', 'mltop10.js'), ...args], {stdio: 'inherit', cwd: root})
// A signal to this process reaches the command, which cleans up and ends; this one follows it.
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM', 'SIGHUP'])) process.on(signal, () => child.kill(signal))
child.on('exit', (code, signal) => {
  if (signal) {
    process.removeAllListeners(signal)
    process.kill(process.pid, signal)
  }
  else process.exit(code ?? 1)
})
