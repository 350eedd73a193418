import {readdirSync, readFileSync} from 'node:fs'

/**
 * Whether a process group still has a live member. On Linux the group is read
 * from /proc, so zombies (exited, waiting for a parent to collect them) do not
 * count, and so does any process whose command line mentions `mark`: Chrome's
 * crash handler starts a session of its own, but names the profile folder. Those
 * get SIGKILL. Elsewhere `kill(-group, 0)` answers.
 *
 * @param group Process group id (the pid of its leader).
 * @param mark Text in the command line of the group's processes that left it.
 */
export function groupAlive(group: number, mark?: string): boolean {
  if (process.platform === 'linux') {
    let entries: string[]
    try {
      entries = readdirSync('/proc')
    } catch {
      return signalGroup(group, 0)
    }
    for (const entry of entries) {
      if (entry.charCodeAt(0) > 57) continue
      let stat: string
      try {
        stat = readFileSync(`/proc/${entry}/stat`, 'latin1')
      } catch {
        continue // it exited while we looked
      }
      // "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      if (fields[0] === 'Z' || fields[0] === 'X') continue
      if (Number(fields[2]) === group) return true
      if (mark && mentions(entry, mark)) {
        // It is ours (the folder is unique to this browser), and no longer needed.
        signalProcess(Number(entry))
        return true
      }
    }
    return false
  }
  return signalGroup(group, 0)
}

/**
 * Sends a signal to every process of a group.
 *
 * @returns Whether the group existed.
 */
export function signalGroup(group: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-group, signal)
    return true
  } catch {
    return false
  }
}

/**
 * Waits until no process of the group is alive, polling, for at most `ms`.
 *
 * @param mark Text in the command line of the group's processes that left it (see `groupAlive`).
 * @returns Whether the group is gone.
 */
export async function waitForGroupExit(group: number, ms: number, mark?: string): Promise<boolean> {
  const deadline = performance.now() + ms
  while (groupAlive(group, mark)) {
    if (performance.now() > deadline) return false
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  return true
}

function mentions(pid: string, mark: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(mark)
  } catch {
    return false
  }
}

function signalProcess(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL')
  } catch {
    // Already gone.
  }
}
