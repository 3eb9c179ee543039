import type { TenantFixture } from '../config/schema.js'
import type { AttemptBucket } from './store.js'

/** Per-user limit on failed recovery codes: a bucket that refills one attempt per interval. */
export interface AttemptLimiter {
  /** Whether the user has no attempt left right now. */
  exhausted(userId: string): boolean
  /** Spends one attempt for a failed code. */
  recordFailure(userId: string): void
  /** Attempts the user has left, or null when the tenant has no limit. */
  remaining(userId: string): number | null
  /**
   * Whole seconds until the user's bucket refills one attempt (a full interval when nothing is
   * spent), for `Retry-After`; null when the tenant has no limit.
   */
  retryAfter(userId: string): number | null
}

/** A limiter over `buckets` following the tenant's `attempt_limit` (or none when it is `false`). */
export function createAttemptLimiter(
  limit: TenantFixture['attempt_limit'],
  buckets: Map<string, AttemptBucket>,
  now: () => number,
): AttemptLimiter {
  if (limit === false) {
    return {
      exhausted: () => false,
      recordFailure: () => {},
      remaining: () => null,
      retryAfter: () => null,
    }
  }
  const intervalMs = limit.refill_interval * 1000
  const refilled = (userId: string): AttemptBucket => {
    const t = now()
    const bucket = buckets.get(userId) ?? { available: limit.max_attempts, updatedAt: t }
    const gained = Math.floor((t - bucket.updatedAt) / intervalMs)
    if (gained > 0) {
      bucket.available = Math.min(limit.max_attempts, bucket.available + gained)
      bucket.updatedAt =
        bucket.available === limit.max_attempts ? t : bucket.updatedAt + gained * intervalMs
    }
    return bucket
  }
  return {
    exhausted: (userId) => refilled(userId).available <= 0,
    recordFailure(userId) {
      const bucket = refilled(userId)
      if (bucket.available === limit.max_attempts) bucket.updatedAt = now()
      bucket.available = Math.max(0, bucket.available - 1)
      buckets.set(userId, bucket)
    },
    remaining: (userId) => refilled(userId).available,
    retryAfter(userId) {
      const bucket = refilled(userId)
      if (bucket.available >= limit.max_attempts) return limit.refill_interval
      return Math.max(1, Math.ceil((bucket.updatedAt + intervalMs - now()) / 1000))
    },
  }
}
