import { type FileHandle, open } from 'node:fs/promises'
import { dirname } from 'node:path'
import { cause, StateFileError, syncDirectory, writeDurably } from './state-file.js'

/** How the state file's bytes reach the disk; tests replace parts of it to make writes fail. */
export interface StateFileIo {
  /** Writes `bytes` at `position` once (no retry) and resolves with how many were written. */
  writeAt(file: FileHandle, bytes: Uint8Array, position: number): Promise<number>
  /** Flushes a file's data to the disk. */
  sync(file: FileHandle): Promise<void>
  /** Replaces the snapshot atomically and durably. */
  writeSnapshot(path: string, text: string): Promise<void>
}

/** The real disk. */
export const diskIo: StateFileIo = {
  writeAt: async (file, bytes, position) =>
    (await file.write(bytes, 0, bytes.length, position)).bytesWritten,
  sync: (file) => file.datasync(),
  writeSnapshot: writeDurably,
}

/** The change log beside a state file, appended to only with lines that are wholly on disk. */
export interface ChangeLog {
  /**
   * Writes one line and flushes it, or throws and leaves nothing of it that replay applies; a
   * failed flush it cannot take back makes this and every later append throw until a restart.
   */
  append(line: string): Promise<void>
  /** Empties the log once a snapshot holds its changes; false when it could not. */
  empty(): Promise<boolean>
  /** The bytes written since the log was last emptied. */
  size(): number
  close(): Promise<void>
}

/** Opens `PATH.log` empty (the snapshot already holds everything it held). */
export async function openChangeLog(path: string, io: StateFileIo): Promise<ChangeLog> {
  const logPath = `${path}.log`
  const file = await open(logPath, 'w', 0o600)
  await syncDirectory(dirname(logPath))
  let size = 0
  // Set when a line that reached the page cache could not be taken back: it may reach the disk.
  let untrusted = false
  return {
    size: () => size,
    async append(line) {
      if (untrusted) {
        throw new StateFileError(
          `state file ${logPath}: an earlier failed write could not be undone, so no change is kept until a restart`,
        )
      }
      const bytes = Buffer.from(`${line}\n`)
      // At an explicit offset, so a failed write's leftovers are overwritten by the next one.
      let written: number
      try {
        written = await io.writeAt(file, bytes, size)
      } catch (err) {
        throw new StateFileError(`state file ${logPath}: the write failed (${cause(err)})`)
      }
      if (written !== bytes.length) {
        // Best effort: the part written lacks its newline, so replay drops it even if it stays.
        await file.truncate(size).catch(() => {})
        throw new StateFileError(
          `state file ${logPath}: the write was cut short (${written} of ${bytes.length} bytes)`,
        )
      }
      try {
        await io.sync(file)
      } catch (err) {
        // The whole line is in the page cache and could still reach the disk: take it back first.
        await file
          .truncate(size)
          .then(() => io.sync(file))
          .catch(() => {
            untrusted = true
          })
        throw new StateFileError(`state file ${logPath}: the write failed (${cause(err)})`)
      }
      size += bytes.length
    },
    async empty() {
      try {
        await file.truncate(0)
      } catch {
        return false
      }
      size = 0
      // Not required: if the emptying is lost, the old lines replay over the newer snapshot to
      // the same state; the next append's flush makes the new length durable anyway.
      await io.sync(file).catch(() => {})
      return true
    },
    close: () => file.close(),
  }
}
