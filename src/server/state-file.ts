import {
  accessSync,
  closeSync,
  constants,
  fsyncSync,
  lstatSync,
  openSync,
  readFileSync,
  realpathSync,
  renameSync,
  statSync,
  writeSync,
} from 'node:fs'
import { open, rename } from 'node:fs/promises'
import { dirname } from 'node:path'
import { formatPath } from '../config/parse.js'
import { type StateFile, stateFileSchema, type TenantState } from '../domain/persisted.js'
import { type Emulator, STATE_FILE_HOOKS } from '../emulator.js'
import { EmulatorError } from '../support/emulator-error.js'

/** A state file that cannot be used; it is left as it is for the user to fix or delete. */
export class StateFileError extends EmulatorError {
  override name = 'StateFileError'

  constructor(message: string) {
    super(500, 'state_file', message)
  }
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
  return parseStateFile(path, text)
}

function parseStateFile(path: string, text: string): StateFile {
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
async function writeDurably(path: string, text: string): Promise<void> {
  const temp = `${path}.${process.pid}.tmp`
  const file = await open(temp, 'w', 0o600)
  try {
    await file.writeFile(text)
    await file.sync()
  } finally {
    await file.close()
  }
  await rename(temp, path)
  const dir = await open(dirname(path), 'r')
  try {
    await dir.sync()
  } finally {
    await dir.close()
  }
}

/**
 * Where writes go: the target of a symlink (so the link stays a link), after checking at start
 * that its directory exists and is writable and that an existing file is not read-only.
 */
function writablePath(path: string): string {
  let target = path
  try {
    if (lstatSync(path).isSymbolicLink()) target = realpathSync(path)
  } catch {
    // No file yet: it is created in its directory.
  }
  const dir = dirname(target)
  // The mode bits too: running as root, access() allows what the owner meant to forbid.
  const writable = (p: string) => {
    accessSync(p, constants.W_OK)
    if ((statSync(p).mode & 0o222) === 0) throw Object.assign(new Error(), { code: 'EACCES' })
  }
  try {
    if (!statSync(dir).isDirectory()) throw new Error()
    writable(dir)
  } catch {
    throw new StateFileError(
      `state file ${path}: its directory ${dir} does not exist or is not writable; create it or choose another --state-file`,
    )
  }
  try {
    writable(target)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new StateFileError(
        `state file ${path} is read-only; make it writable or choose another --state-file`,
      )
    }
  }
  return target
}

/** A state file kept in step with the emulators. */
export interface StatePersister {
  /** Waits for any write in progress. */
  flush(): Promise<void>
}

/**
 * Keeps a state file in step with the emulators: restores it at start, then writes every change
 * durably before the request that made it is answered. Writes are batched: requests that change
 * state while a write is under way share the next one. Users are serialised again only when they
 * changed. A failed write puts the last written state back and refuses the requests it carried.
 */
export function statePersister(path: string, emulators: ReadonlyMap<string, Emulator>) {
  const target = writablePath(path)
  const saved = readStateFile(target)
  for (const [name, state] of Object.entries(saved?.tenants ?? {}))
    emulators.get(name)?.importState(state)
  const fragments = new Map<string, Map<string, string>>()
  for (const name of emulators.keys()) fragments.set(name, new Map())

  const render = (): string => {
    const tenants: string[] = []
    for (const [name, emulator] of emulators) {
      const hooks = emulator[STATE_FILE_HOOKS]
      const users = fragments.get(name) ?? new Map<string, string>()
      for (const id of hooks.takeChangedUsers()) {
        const user = hooks.exportUser(id)
        if (user) users.set(id, `${JSON.stringify(id)}:${JSON.stringify(user)}`)
        else users.delete(id)
      }
      const scenarios = JSON.stringify(emulator.scenarios.list())
      tenants.push(
        `${JSON.stringify(name)}:{"scenarios":${scenarios},"users":{\n${[...users.values()].join(',\n')}\n}}`,
      )
    }
    return `{"version":1,"tenants":{${tenants.join(',')}}}\n`
  }

  let lastWritten = render()
  let writing: Promise<void> = Promise.resolve()
  let next: Promise<void> | undefined
  let rollbacks = 0

  const restoreLastWritten = () => {
    const state = JSON.parse(lastWritten) as { tenants: Record<string, TenantState> }
    for (const [name, tenant] of Object.entries(state.tenants))
      emulators.get(name)?.importState(tenant)
    rollbacks += 1
    render()
  }

  const write = async () => {
    const text = render()
    try {
      await writeDurably(target, text)
      lastWritten = text
    } catch (err) {
      restoreLastWritten()
      const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message
      throw new StateFileError(`state file ${path}: the write failed (${code})`)
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
  return {
    flush: () => (next ?? writing).catch(() => {}),
  } satisfies StatePersister
}
