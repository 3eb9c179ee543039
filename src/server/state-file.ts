import {
  closeSync,
  existsSync,
  fsyncSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  writeSync,
} from 'node:fs'
import { open, rename, rm } from 'node:fs/promises'
import { dirname } from 'node:path'
import { formatPath } from '../config/parse.js'
import { type StateFile, stateFileSchema } from '../domain/persisted.js'
import { UsageError } from '../support/usage-error.js'
import { replayLog } from './state-replay.js'

/** A state file that cannot be used; it is left as it is for the user to fix or delete. */
export class StateFileError extends UsageError {
  override name = 'StateFileError'
}

/** An error's code (ENOSPC), or its message when it has none: what a one-line message shows. */
export const cause = (err: unknown): string =>
  (err as NodeJS.ErrnoException).code ?? (err instanceof Error ? err.message : String(err))

function readIfThere(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw new StateFileError(`state file ${path}: cannot read it (${cause(err)})`)
  }
}

/** A state file as read at start: its state, and whether the log's unfinished last line was dropped. */
export interface LoadedState {
  state: StateFile
  torn: boolean
}

/**
 * Reads a snapshot and the change log beside it (`PATH.log`), or throws one line naming the file,
 * the line and what is wrong; undefined when there is neither yet. It only reads.
 */
export function loadStateFile(path: string): LoadedState | undefined {
  const snapshot = readIfThere(path)
  // Only a regular file is read as the log (a device such as /dev/full would never end).
  const logPath = `${path}.log`
  const log = existsSync(logPath) && statSync(logPath).isFile() ? readIfThere(logPath) : undefined
  if (snapshot === undefined && log === undefined) return undefined
  const state =
    snapshot === undefined ? { version: 1 as const, tenants: {} } : parseStateFile(path, snapshot)
  const outcome = replayLog(state, log ?? '')
  if ('problem' in outcome) {
    throw new StateFileError(
      `state file ${logPath}, line ${outcome.line}: ${outcome.problem}; fix or delete that line (both files were left untouched; the repository's docs/security.md says how)`,
    )
  }
  return { state, torn: outcome.torn }
}

/** Reads a state file as the server left it: its snapshot with the change log applied. */
export function readStateFile(path: string): StateFile | undefined {
  return loadStateFile(path)?.state
}

/** Parses a snapshot, or throws one line saying what is wrong. */
export function parseStateFile(path: string, text: string): StateFile {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (err) {
    throw new StateFileError(
      `state file ${path} is not valid JSON (${(err as Error).message}); fix or delete it (it was left untouched)`,
    )
  }
  const result = stateFileSchema.safeParse(json)
  if (!result.success) {
    const [issue] = result.error.issues
    throw new StateFileError(
      `state file ${path}: ${issue ? `${formatPath(issue.path)}: ${issue.message}` : 'unreadable'}; fix or delete it (it was left untouched)`,
    )
  }
  return result.data
}

/**
 * Writes the state file atomically: a temporary file beside it, flushed to disk, then renamed
 * over it, so a crash at any moment leaves either the old or the new state, never a torn one.
 */
export function writeStateFileAtomic(path: string, state: StateFile): void {
  const temp = `${path}.${process.pid}.tmp`
  const fd = openSync(temp, 'w', 0o600)
  try {
    writeSync(fd, `${JSON.stringify(state, null, 2)}\n`)
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
  renameSync(temp, path)
}

/** The same, asynchronously, and with the directory flushed so the rename itself is durable. */
export async function writeDurably(path: string, text: string): Promise<void> {
  const temp = `${path}.${process.pid}.tmp`
  try {
    const file = await open(temp, 'w', 0o600)
    try {
      await file.writeFile(text)
      await file.sync()
    } finally {
      await file.close()
    }
    await rename(temp, path)
  } catch (err) {
    // A full disk: the old snapshot stays, and so must the space it had.
    await rm(temp, { force: true })
    throw err
  }
  await syncDirectory(dirname(path))
}

/** Flushes a directory, so a file created or renamed in it survives a crash. */
export async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}
