import { BoundedMap } from './bounded-set.js'

/** How a client address's wrong admin tokens are slowed down. */
export interface GuessThrottleOptions {
  /** Each wrong token from an address pushes its next wrong answer this much later. */
  stepMs: number
  /** Past this much queued delay, wrong tokens are refused at once with `429`. */
  maxDelayMs: number
  /** Addresses remembered at most; the least recent are forgotten. */
  capacity: number
}

/** Five wrong guesses a second per address, at most 2 s queued, 10,000 addresses remembered. */
export const DEFAULT_GUESS_THROTTLE: GuessThrottleOptions = {
  stepMs: 200,
  maxDelayMs: 2000,
  capacity: 10_000,
}

/**
 * Paces wrong admin tokens per client address, so guessing runs at a few tries a second however
 * many connections the guesser opens, while the right token is never delayed (it never asks).
 */
export class GuessThrottle {
  readonly #next: BoundedMap<string, number>

  constructor(
    readonly options: GuessThrottleOptions = DEFAULT_GUESS_THROTTLE,
    readonly now: () => number = Date.now,
  ) {
    this.#next = new BoundedMap(options.capacity)
  }

  /**
   * Milliseconds to hold the answer to a wrong token from `address`, or undefined when so many
   * are queued that it should be refused at once.
   */
  delayFor(address: string): number | undefined {
    const t = this.now()
    const at = Math.max(t, this.#next.get(address) ?? 0) + this.options.stepMs
    if (at - t > this.options.maxDelayMs) return undefined
    this.#next.set(address, at)
    return at - t
  }

  /** How many addresses are remembered. */
  get size(): number {
    return this.#next.size
  }
}
