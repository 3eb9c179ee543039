import type { TenantState } from '../domain/persisted.js'
import { type Emulator, STATE_FILE_HOOKS } from '../emulator.js'

/** The changes since the last write: one log line, and how to record them as written. */
export interface PendingChanges {
  /** One change, or a list of them when several tenants changed: one line is written whole. */
  line: string | undefined
  /** Records the changes as written, once they are on disk. */
  written(): void
  /** The changed users taken from each tenant, to put back if the write fails. */
  taken: Map<string, string[]>
}

/** What the state file holds of the emulators, serialised, so only changed users are written. */
export interface WrittenState {
  /** The whole written state as a snapshot file's text. */
  snapshot(): string
  /** Takes what changed since the last call. */
  changes(): PendingChanges
  /** Puts back as last written the users of a failed write and any changed since. */
  restore(failed: Map<string, string[]>): void
}

/** Tracks the written form of every user and of each tenant's scenarios. */
export function writtenState(emulators: ReadonlyMap<string, Emulator>): WrittenState {
  const written = new Map<string, { users: Map<string, string>; scenarios: string }>()
  return {
    snapshot() {
      const tenants = [...written].map(
        ([name, t]) =>
          `${JSON.stringify(name)}:{"scenarios":${t.scenarios},"users":{\n${[...t.users].map(([id, u]) => `${JSON.stringify(id)}:${u}`).join(',\n')}\n}}`,
      )
      return `{"version":1,"tenants":{${tenants.join(',')}}}\n`
    },
    changes() {
      const entries: string[] = []
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
        entries.push(
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
      return {
        line: entries.length > 1 ? `[${entries.join(',')}]` : entries[0],
        written: () => {
          for (const f of apply) f()
        },
        taken,
      }
    },
    restore(failed) {
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
    },
  }
}
