import { type Emulator, STATE_FILE_HOOKS } from '../emulator.js'
import { devWarn } from '../support/dev-messages.js'
import { cause, loadStateFile, StateFileError } from './state-file.js'
import { lockStateFile } from './state-lock.js'
import { type ChangeLog, diskIo, openChangeLog, type StateFileIo } from './state-log.js'
import { writablePath } from './state-path.js'
import { writtenState } from './state-written.js'

/** A state file kept in step with the emulators. */
export interface StatePersister {
  /** Waits for any write in progress. */
  flush(): Promise<void>
  /** Waits for any write in progress, closes the change log and frees the file. */
  close(): Promise<void>
}

/** Internal knobs, so tests can make the disk fail at a chosen step. */
export interface StatePersisterOptions {
  io?: Partial<StateFileIo>
  /** Whether to fold the log into a new snapshot now; by default once it outgrows the snapshot. */
  compactWhen?: (logBytes: number, snapshotBytes: number) => boolean
}

const outgrown = (logBytes: number, snapshotBytes: number) =>
  logBytes > Math.max(snapshotBytes, 1 << 20)

/**
 * Keeps a state file in step with the emulators, never acknowledging a change it has not written.
 * At start it takes the file's lock, restores the file (a snapshot, plus the change log beside
 * it) and writes a fresh snapshot. Then each change is appended to the log and flushed to disk
 * before the request that made it is answered; requests that change state while a flush is under
 * way share the next one, and only changed users are serialised. When the log outgrows the
 * snapshot, a new snapshot is written atomically and the log starts over. A failed write puts the
 * changed users back as last written and refuses the requests it carried.
 */
export async function statePersister(
  path: string,
  emulators: ReadonlyMap<string, Emulator>,
  options: StatePersisterOptions = {},
): Promise<StatePersister> {
  const io: StateFileIo = { ...diskIo, ...options.io }
  const compactWhen = options.compactWhen ?? outgrown
  const target = writablePath(path)
  const lock = await lockStateFile(path, target)
  let log: ChangeLog
  const state = writtenState(emulators)
  let snapshotBytes = 0
  try {
    const loaded = loadStateFile(target)
    for (const [name, tenant] of Object.entries(loaded?.state.tenants ?? {}))
      emulators.get(name)?.importState(tenant)
    if (loaded?.torn) {
      devWarn(
        `state file ${target}.log: dropped its unfinished last line (a write cut short by a crash, never acknowledged)`,
      )
    }
    // Everything as restored becomes the first snapshot; the old log is then folded in.
    state.changes().written()
    const text = state.snapshot()
    await io.writeSnapshot(target, text)
    snapshotBytes = Buffer.byteLength(text)
    log = await openChangeLog(target, io)
  } catch (err) {
    lock.release()
    if (err instanceof StateFileError) throw err
    throw new StateFileError(
      `state file ${path}: cannot write it at start (${cause(err)}); nothing it held was lost`,
    )
  }

  /**
   * Folds the log into a new snapshot. The changes are already durable in the log, so a failure
   * here is not the request's: it is reported and tried again after the next change.
   */
  const compact = async () => {
    const text = state.snapshot()
    try {
      await io.writeSnapshot(target, text)
    } catch (err) {
      devWarn(
        `state file ${path}: the snapshot could not be rewritten (${cause(err)}); the change log keeps every change and it is tried again after the next one`,
      )
      return
    }
    snapshotBytes = Buffer.byteLength(text)
    if (!(await log.empty())) devWarn(`state file ${path}: the change log could not be emptied`)
  }

  let rollbacks = 0
  let writing: Promise<void> = Promise.resolve()
  let next: Promise<void> | undefined

  const write = async () => {
    const pending = state.changes()
    if (pending.line === undefined) return
    try {
      await log.append(pending.line)
    } catch (err) {
      state.restore(pending.taken)
      rollbacks += 1
      throw err
    }
    pending.written()
    if (compactWhen(log.size(), snapshotBytes)) await compact()
  }

  const commit = async (since: number): Promise<void> => {
    // One write at a time; everyone who arrives while one runs shares the next.
    next ??= writing
      .catch(() => {})
      .then(() => {
        next = undefined
        writing = write()
        return writing
      })
    await next
    if (rollbacks !== since) {
      throw new StateFileError(
        `state file ${path}: an earlier write failed and the last written state was put back`,
      )
    }
  }

  for (const emulator of emulators.values())
    emulator[STATE_FILE_HOOKS].attach({ commit, epoch: () => rollbacks })
  const flush = async () => {
    await (next ?? writing).catch(() => {})
  }
  let closed: Promise<void> | undefined
  return {
    flush,
    close() {
      closed ??= flush()
        .then(() => log.close())
        .finally(() => lock.release())
      return closed
    },
  }
}
