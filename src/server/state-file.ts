import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs'
import { formatPath } from '../config/parse.js'
import { type StateFile, stateFileSchema } from '../domain/persisted.js'
import type { Emulator } from '../emulator.js'

/** A state file that cannot be used; it is left as it is for the user to fix or delete. */
export class StateFileError extends Error {
  override readonly name = 'StateFileError'
}

/** Reads a state file, or undefined when there is none yet. */
export function readStateFile(path: string): StateFile | undefined {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw new StateFileError(
      `state file ${path}: cannot read it (${(err as NodeJS.ErrnoException).code})`,
    )
  }
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

/** Keeps a state file in step with the emulators: restores it at start, rewrites it on change. */
export function statePersister(path: string, emulators: ReadonlyMap<string, Emulator>) {
  const snapshot = (): StateFile => ({
    version: 1,
    tenants: Object.fromEntries([...emulators].map(([name, e]) => [name, e.exportState()])),
  })
  const saved = readStateFile(path)
  for (const [name, state] of Object.entries(saved?.tenants ?? {}))
    emulators.get(name)?.importState(state)
  let last = JSON.stringify(snapshot())
  return {
    /** Writes the file when the state changed since the last write. */
    sync() {
      const state = snapshot()
      const text = JSON.stringify(state)
      if (text === last) return
      writeStateFileAtomic(path, state)
      last = text
    },
  }
}
