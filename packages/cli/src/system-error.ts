import {tmpdir} from 'node:os'
import {isAbsolute, relative} from 'node:path'
import {exitCodes, MlTop10Error} from '@mltop10/core'

/** An error from a system call, as Node reports it (fs, net). */
interface SystemError extends Error {
  readonly code: string
  readonly syscall: string
  readonly path?: string
  readonly port?: number
  readonly address?: string
}

/** Whether a value is an error from a system call. */
function isSystemError(error: unknown): error is SystemError {
  return error instanceof Error && typeof (error as Partial<SystemError>).code === 'string' && typeof (error as Partial<SystemError>).syscall === 'string'
}

const outputHint = 'pass another folder with --out, --pdf-out or --epub-out'

/**
 * Turns a failed system call (a read-only or full disk, a busy port) into an
 * error a person can act on: one line saying what failed where, and a hint, with
 * exit code 3. The one place where errno codes become messages.
 *
 * @param error What was thrown.
 * @param cwd Folder that paths are shown relative to.
 * @returns The error to report, or `undefined` when `error` is not from a system call.
 */
export function fromSystemError(error: unknown, cwd: string): MlTop10Error | undefined {
  if (!isSystemError(error)) return undefined
  const environment = (title: string, hint: string) => new MlTop10Error(title, hint, exitCodes.environment)
  if (error.syscall === 'listen' || error.syscall === 'bind') {
    const where = `port ${error.port ?? '?'} on ${error.address ?? 'localhost'}`
    if (error.code === 'EADDRINUSE') return environment(`The ${where} is already in use`, 'Stop the program that uses it, or pass another port with --port (0 picks a free one)')
    if (error.code === 'EACCES') return environment(`Not allowed to listen on ${where}`, 'Pass a port above 1023 with --port')
    return environment(`Cannot listen on ${where} (${error.code})`, 'Pass another port with --port')
  }
  // A failed write() names no path; the output folder's writer adds it where it can.
  const path = error.path === undefined ? 'files' : showPath(error.path, cwd)
  switch (error.code) {
    case 'EROFS':
      return environment(`Cannot write ${path}: the file system is read-only`, `Build on a writable disk, or ${outputHint}`)
    case 'EACCES':
    case 'EPERM':
      return environment(`Cannot write ${path}: permission denied`, `Make the folder writable for this user, or ${outputHint}`)
    case 'ENOSPC':
    case 'EDQUOT':
      return environment(`Cannot write ${path}: no space left on the disk`, `Free some space on that disk (the output folder, or the temporary folder ${tmpdir()}) and run again`)
    case 'EMFILE':
    case 'ENFILE':
      return environment('Too many open files', 'Raise the limit of open files (ulimit -n) and run again')
    default:
      return environment(`Cannot ${error.syscall} ${path} (${error.code})`, 'Check that the path exists and this user may use it, then run again')
  }
}

/** A path relative to the working folder when inside it. */
function showPath(path: string, cwd: string): string {
  const shown = relative(cwd, path)
  return shown === '' ? '.' : shown.startsWith('..') || isAbsolute(shown) ? path : shown
}
