import { randomBytes } from 'node:crypto'
import { linkSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { setTimeout as delay } from 'node:timers/promises'
import { cause, StateFileError } from './state-file.js'

/** A state file held by this process; two writers would each overwrite what the other wrote. */
export interface StateFileLock {
  /** Removes the lock if it is still this process's; safe to call more than once. */
  release(): void
}

function readLock(lockPath: string): string | undefined {
  try {
    return readFileSync(lockPath, 'utf8')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw new StateFileError(`state file lock ${lockPath}: cannot read it (${cause(err)})`)
  }
}

/** The live process a lock's text names, if any: a lock naming no live process is stale. */
function liveHolder(text: string): number | undefined {
  const pid = Number(text.trim())
  if (!Number.isSafeInteger(pid) || pid <= 0) return undefined
  try {
    process.kill(pid, 0)
    return pid
  } catch (err) {
    // EPERM: it exists but belongs to another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM' ? pid : undefined
  }
}

/** Creates `to` from the complete file `from`, atomically; false when `to` exists already. */
function linkNew(from: string, to: string): boolean {
  try {
    linkSync(from, to)
    return true
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw new StateFileError(`state file lock ${to}: cannot create it (${cause(err)})`)
  }
}

/**
 * Removes a stale lock while holding `LOCK.takeover`, and only if it still has the stale text:
 * two processes that both found it stale would otherwise each remove the other's new lock.
 * False while another live process holds the guard (it is taking the lock over).
 */
function removeStale(lockPath: string, stale: string, mine: string): boolean {
  const guard = `${lockPath}.takeover`
  if (!linkNew(mine, guard)) {
    if (liveHolder(readLock(guard) ?? '') !== undefined) return false
    // A takeover that died midway: its guard is stale too.
    rmSync(guard, { force: true })
    return true
  }
  try {
    if (readLock(lockPath) === stale) rmSync(lockPath, { force: true })
  } finally {
    rmSync(guard, { force: true })
  }
  return true
}

/**
 * Takes `TARGET.lock` before the state file or its log is read, or refuses naming the pid that
 * holds it; a lock whose process is gone is taken over. The lock is created by linking a complete
 * file, so nobody ever reads a half-written pid, and only a holder's own link creates it, so the
 * pid named is always the holder's.
 */
export async function lockStateFile(path: string, target: string): Promise<StateFileLock> {
  const lockPath = `${target}.lock`
  const text = `${process.pid}\n`
  const mine = `${lockPath}.${process.pid}.${randomBytes(4).toString('hex')}`
  try {
    writeFileSync(mine, text, { mode: 0o600 })
  } catch (err) {
    throw new StateFileError(`state file lock ${lockPath}: cannot create it (${cause(err)})`)
  }
  try {
    for (let attempt = 0; !linkNew(mine, lockPath); attempt++) {
      if (attempt === 50) {
        throw new StateFileError(`state file lock ${lockPath}: cannot take it over; try again`)
      }
      const held = readLock(lockPath)
      if (held === undefined) continue
      const pid = liveHolder(held)
      if (pid !== undefined) {
        throw new StateFileError(
          `state file ${path} is in use by process ${pid} (lock ${lockPath}); stop that process or choose another --state-file`,
        )
      }
      if (!removeStale(lockPath, held, mine)) await delay(20)
    }
  } finally {
    rmSync(mine, { force: true })
  }
  const release = () => {
    process.off('exit', release)
    try {
      if (readLock(lockPath) === text) rmSync(lockPath, { force: true })
    } catch {
      // Left behind, it names a process that is gone, so the next start takes it over.
    }
  }
  // An exit that skips close() (a second Ctrl+C) still frees the file.
  process.once('exit', release)
  return { release }
}
