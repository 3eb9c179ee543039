import { type FileHandle, open } from 'node:fs/promises'
import { dirname } from 'node:path'
import type { TenantState } from '../domain/persisted.js'
import { type Emulator, STATE_FILE_HOOKS } from '../emulator.js'
import { readStateFile, StateFileError, writablePath, writeDurably } from './state-file.js'

/** A state file kept in step with the emulators. */
export interface StatePersister {
  /** Waits for any write in progress. */
  flush(): Promise<void>
  /** Waits for any write in progress, then closes the change log. */
  close(): Promise<void>
}

/**
 * Keeps a state file in step with the emulators, never acknowledging a change it has not written.
 * At start it restores the file (a snapshot, plus the change log beside it) and writes a fresh
 * snapshot. Then each change is appended to the log and flushed to disk before the request that
 * made it is answered; requests that change state while a flush is under way share the next one,
 * and only changed users are serialised. When the log outgrows the snapshot, a new snapshot is
 * written atomically (temp file, fsync, rename, directory fsync) and the log starts over. A
 * failed write puts the changed users back as last written and refuses the requests it carried.
 */
export async function statePersister(
  path: string,
  emulators: ReadonlyMap<string, Emulator>,
): Promise<StatePersister> {
  const target = writablePath(path)
  const logPath = `${target}.log`
  const restored = readStateFile(target) ?? { version: 1, tenants: {} }
  for (const [name, state] of Object.entries(restored.tenants))
    emulators.get(name)?.importState(state)

  // The last written form of every user and of each tenant's scenarios.
  const written = new Map<string, { users: Map<string, string>; scenarios: string }>()
  const snapshotText = (): string => {
    const tenants = [...written].map(
      ([name, t]) =>
        `${JSON.stringify(name)}:{"scenarios":${t.scenarios},"users":{\n${[...t.users].map(([id, u]) => `${JSON.stringify(id)}:${u}`).join(',\n')}\n}}`,
    )
    return `{"version":1,"tenants":{${tenants.join(',')}}}\n`
  }
  /** What changed since the last write: the log lines, and how to make them the written state. */
  const changes = () => {
    const lines: string[] = []
    const apply: (() => void)[] = []
    const taken = new Map<string, string[]>()
    for (const [name, emulator] of emulators) {
      const hooks = emulator[STATE_FILE_HOOKS]
      const last = written.get(name) ?? { users: new Map<string, string>(), scenarios: '[]' }
      written.set(name, last)
      const users: Record<string, unknown> = {}
      const changed = hooks.takeChangedUsers()
      taken.set(name, changed)
      for (const id of changed) {
        const user = hooks.exportUser(id)
        if (user) users[id] = user
      }
      const scenarios = JSON.stringify(emulator.scenarios.list())
      const ids = Object.keys(users)
      if (!ids.length && scenarios === last.scenarios) continue
      lines.push(
        JSON.stringify({
          t: name,
          ...(ids.length ? { u: users } : {}),
          ...(scenarios === last.scenarios ? {} : { s: JSON.parse(scenarios) }),
        }),
      )
      apply.push(() => {
        for (const id of ids) last.users.set(id, JSON.stringify(users[id]))
        last.scenarios = scenarios
      })
    }
    return { lines, apply, taken }
  }
  /**
   * Puts back as last written the users of a failed write and any changed since (whose requests
   * are refused too), after a failed write.
   */
  const restore = (failed: Map<string, string[]>) => {
    for (const [name, last] of written) {
      const emulator = emulators.get(name)
      if (!emulator) continue
      const hooks = emulator[STATE_FILE_HOOKS]
      const users: TenantState['users'] = {}
      for (const id of [...(failed.get(name) ?? []), ...hooks.takeChangedUsers()]) {
        const text = last.users.get(id)
        if (text) users[id] = JSON.parse(text) as TenantState['users'][string]
      }
      emulator.importState({ scenarios: JSON.parse(last.scenarios), users })
      hooks.takeChangedUsers()
    }
  }

  // Everything as restored becomes the first snapshot; the old log is then folded in.
  changes().apply.forEach((f) => {
    f()
  })
  let snapshotBytes = 0
  const compact = async (log: FileHandle | undefined) => {
    const text = snapshotText()
    await writeDurably(target, text)
    snapshotBytes = text.length
    await log?.close()
    // Truncated, not replaced: replaying an old log over the new snapshot changes nothing.
    const fresh = await open(logPath, 'w', 0o600)
    await syncDirectory(dirname(logPath))
    return fresh
  }
  let log = await compact(undefined)
  let logBytes = 0
  let rollbacks = 0
  let writing: Promise<void> = Promise.resolve()
  let next: Promise<void> | undefined

  const write = async () => {
    const { lines, apply, taken } = changes()
    if (!lines.length) return
    const text = `${lines.join('\n')}\n`
    try {
      await log.write(text)
      await log.datasync()
    } catch (err) {
      restore(taken)
      rollbacks += 1
      const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message
      throw new StateFileError(`state file ${path}: the write failed (${code})`)
    }
    for (const f of apply) f()
    logBytes += text.length
    if (logBytes > Math.max(snapshotBytes, 1 << 20)) {
      log = await compact(log)
      logBytes = 0
    }
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
      closed ??= flush().then(() => log.close())
      return closed
    },
  }
}

async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}
