/** The emulator's notion of time: mfa_token expiry, JWT `iat`/`exp` and the attempt limiter read it. */
export interface Clock {
  /** Milliseconds since the epoch, as the emulator sees them. */
  now(): number
  /** Moves time forward (or back, with a negative value); returns the new `now()`. */
  advance(ms: number): number
  /** Jumps to an absolute time and keeps counting from there (frozen clocks stay frozen). */
  set(time: number | Date): void
  /** Whether time stands still between calls to `advance` and `set`. */
  readonly frozen: boolean
  /** Back to how it was created: the start time when frozen, real time otherwise. */
  reset(): void
}

/**
 * A clock that follows real time plus an offset, or stands still at `start` when one is given,
 * so tests can move it with `advance()` and never sleep.
 */
export function createClock(start?: number | Date, realNow: () => number = Date.now): Clock {
  const frozen = start !== undefined
  const startMs = start === undefined ? 0 : Number(start)
  let base = startMs
  let offset = 0
  return {
    frozen,
    now: () => (frozen ? base : realNow() + offset),
    advance(ms) {
      if (!Number.isFinite(ms)) throw new TypeError(`clock.advance() takes milliseconds, got ${ms}`)
      if (frozen) base += ms
      else offset += ms
      return this.now()
    },
    set(time) {
      const ms = Number(time)
      if (!Number.isFinite(ms))
        throw new TypeError(`clock.set() takes a Date or epoch milliseconds`)
      if (frozen) base = ms
      else offset = ms - realNow()
    },
    reset() {
      base = startMs
      offset = 0
    },
  }
}
