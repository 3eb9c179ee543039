import type { TenantFixture } from '../config/schema.js'

/** What the tenant's bucket says about one request, in the terms of Auth0's headers. */
export interface RateLimitState {
  /** Whether the request is over the limit (it took nothing from the bucket). */
  limited: boolean
  /** `X-RateLimit-Limit`: the bucket's size. */
  limit: number
  /** `X-RateLimit-Remaining`: requests left after this one. */
  remaining: number
  /** `X-RateLimit-Reset`: Unix epoch seconds when the bucket is full again. */
  reset: number
  /** `Retry-After`: whole seconds until one request is available again (at least 1). */
  retryAfter: number
}

/**
 * The tenant-wide token bucket behind Auth0's rate-limit headers: `limit` requests, refilled
 * continuously at `refill_per_second` on the emulator clock. One bucket per tenant, so its memory
 * is constant whatever the traffic.
 */
export interface RateLimiter {
  /** Takes one request from the bucket, or reports it empty; null when the tenant has no limit. */
  take(): RateLimitState | null
  /** What an empty bucket reports now, leaving the bucket alone (scenario `rate-limited`). */
  empty(): RateLimitState | null
  /** Back to a full bucket. */
  reset(): void
}

/** A limiter following the tenant's `rate_limit` (or none when it is `false`). */
export function createRateLimiter(
  config: TenantFixture['rate_limit'],
  now: () => number,
): RateLimiter {
  if (config === false) return { take: () => null, empty: () => null, reset: () => {} }
  const { limit, refill_per_second: perSecond } = config
  let tokens = limit
  let updatedAt: number | undefined
  const state = (t: number, available: number, limited: boolean): RateLimitState => ({
    limited,
    limit,
    remaining: Math.floor(available),
    reset: Math.ceil((t + ((limit - available) * 1000) / perSecond) / 1000),
    retryAfter: Math.max(1, Math.ceil((1 - available) / perSecond)),
  })
  const refill = (t: number) => {
    // A clock moved back refills nothing; it never takes tokens away.
    const elapsed = updatedAt === undefined ? 0 : Math.max(0, t - updatedAt)
    tokens = Math.min(limit, tokens + (elapsed * perSecond) / 1000)
    updatedAt = t
  }
  return {
    take() {
      const t = now()
      refill(t)
      if (tokens < 1) return state(t, tokens, true)
      tokens -= 1
      return state(t, tokens, false)
    },
    empty: () => state(now(), 0, true),
    reset() {
      tokens = limit
      updatedAt = undefined
    },
  }
}
