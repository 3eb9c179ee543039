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

/** How far from real time the emulator's clock may go: tokens must carry representable times. */
const CLOCK_RANGE_MS = 100 * 365.25 * 24 * 60 * 60 * 1000

/**
 * Why a clock time cannot be used (not finite, or more than 100 years from real time), naming
 * the limit; undefined when it can. Changes are checked before they apply, so a refused one never
 * does, and every `iat`/`exp` the emulator signs stays representable.
 */
export function clockTimeProblem(
  target: number,
  realNow: number,
  what: string,
): string | undefined {
  if (Number.isFinite(target) && Math.abs(target - realNow) <= CLOCK_RANGE_MS) return undefined
  return `${what} would put the emulator clock at ${target} ms, outside ±100 years of now; keep it between ${new Date(realNow - CLOCK_RANGE_MS).toISOString()} and ${new Date(realNow + CLOCK_RANGE_MS).toISOString()}`
}

function check(target: number, realNow: number, what: string): void {
  const problem = clockTimeProblem(target, realNow, what)
  if (problem) throw new RangeError(problem)
}

// Taken once, when the emulator is loaded: test runners' fake timers replace `Date` later, and
// the emulator's own clock must not follow them unless asked to (`clock: 'system'`).
const platformNow = Date.now.bind(Date)

/** Reads `Date.now()` at each call, so fake timers (Vitest's, Jest's) move it. */
export const systemNow = (): number => Date.now()

/**
 * A clock that follows real time plus an offset, or stands still at `start` when one is given,
 * so tests can move it with `advance()` and never sleep. `realNow` is the time it follows: the
 * platform's own by default, or `systemNow` to follow fake timers.
 */
export function createClock(start?: number | Date, realNow: () => number = platformNow): Clock {
  const frozen = start !== undefined
  const startMs = start === undefined ? 0 : Number(start)
  let base = startMs
  let offset = 0
  const now = () => (frozen ? base : realNow() + offset)
  return {
    frozen,
    now,
    advance(ms) {
      if (typeof ms !== 'number' || !Number.isFinite(ms)) {
        throw new RangeError(`clock.advance() takes a finite number of milliseconds, got ${ms}`)
      }
      check(now() + ms, realNow(), `clock.advance(${ms})`)
      if (frozen) base += ms
      else offset += ms
      return now()
    },
    set(time) {
      const ms = Number(time)
      check(ms, realNow(), `clock.set(${String(time)})`)
      if (frozen) base = ms
      else offset = ms - realNow()
    },
    reset() {
      base = startMs
      offset = 0
    },
  }
}
