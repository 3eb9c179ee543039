import type { ChildProcess } from 'node:child_process'

// Every process the suite spawns in this worker that has not exited yet.
const live = new Set<ChildProcess>()

/** Tracks `child` until it exits, so `killChildren` (after each test) can end it. */
export function trackChild<T extends ChildProcess>(child: T): T {
  live.add(child)
  child.once('exit', () => live.delete(child))
  child.once('error', () => live.delete(child))
  return child
}

/** How many tracked children are still running. */
export function liveChildren(): number {
  return live.size
}

/**
 * Kills every tracked child that is still running (SIGKILL: a test that failed midway may have
 * left one waiting on a signal it no longer handles) and waits until each has exited.
 */
export async function killChildren(): Promise<void> {
  const waits = [...live].map(
    (child) =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGKILL')
      }),
  )
  await Promise.all(waits)
  live.clear()
}

// A worker that exits (or is stopped) with children still running takes them along.
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL')
})
