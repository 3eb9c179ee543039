import { type FSWatcher, readFileSync, watch } from 'node:fs'
import { basename, dirname, resolve } from 'node:path'

/** Editors save in bursts (truncate, write, rename): one reload per burst. */
const SETTLE_MS = 150

/** What a fixture watcher does with a change: try to load it, then report either outcome. */
export interface FixtureWatch<T> {
  load(): T
  apply(loaded: T): void
  reloaded(): void
  rejected(problem: string): void
}

/**
 * Watches the directory of `path` (editors replace files, which a watch on the file itself would
 * lose) and reloads after each settled change to its content; a load that throws leaves what is
 * served alone and reports the problem. Returns the function that stops watching.
 */
export function watchFixtureFile<T>(path: string, on: FixtureWatch<T>): () => void {
  const file = resolve(path)
  const read = () => {
    try {
      return readFileSync(file, 'utf8')
    } catch {
      return undefined
    }
  }
  let last = read()
  let timer: NodeJS.Timeout | undefined
  const settle = () => {
    timer = undefined
    const text = read()
    // A save that changed nothing, or the moment between an editor's delete and its write.
    if (text === last || text === undefined) return
    last = text
    let loaded: T
    try {
      loaded = on.load()
    } catch (err) {
      on.rejected(err instanceof Error ? err.message : String(err))
      return
    }
    on.apply(loaded)
    on.reloaded()
  }
  const watcher: FSWatcher = watch(dirname(file), (_event, name) => {
    if (name !== null && name !== basename(file)) return
    clearTimeout(timer)
    timer = setTimeout(settle, SETTLE_MS)
  })
  return () => {
    clearTimeout(timer)
    watcher.close()
  }
}
