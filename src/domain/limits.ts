import { devWarn } from '../support/dev-messages.js'
import type { TenantContext } from './tenant.js'

/** One count limit: its default, the `stats()` counter that reports it, and what it does. */
export interface LimitSpec {
  readonly default: number
  /** The `stats()` member counting what this limit evicted or refused. */
  readonly counter: string
  /** What happens at the limit, as users read it. */
  readonly atLimit: string
}

/** The count limit of each store a client can grow, by its option (defaults in `LIMITS`). */
export interface StoreLimits {
  /** mfa_tokens held at most; the oldest are evicted and then answer as malformed. */
  maxMfaTokens: number
  /** Pending OOB challenges held at most, and Guardian pushes apart; the oldest are evicted. */
  maxChallenges: number
  /** Refresh tokens held at most, live and (separately) rotated; the oldest are evicted. */
  maxRefreshTokens: number
  /** Opaque access tokens held at most; the oldest are evicted. */
  maxAccessTokens: number
  /** Valid client assertion `jti`s held at most; past it new assertions get `429`. */
  maxClientAssertions: number
  /** Messages kept in each user's inbox; the oldest are dropped. */
  maxMessagesPerUser: number
  /** Pending (unconfirmed) enrolments kept per user; the oldest pending one is dropped. */
  maxPendingEnrolments: number
}

/**
 * The per-tenant stores a client can grow, by the `createEmulator` option that limits each, so
 * a flood of requests costs a bounded amount of memory. The docs' limits table is built from it.
 */
export const LIMITS = {
  maxMfaTokens: {
    default: 10_000,
    counter: 'mfa_tokens_evicted',
    atLimit: 'the oldest are evicted and then answer `Malformed mfa_token` (~20 MB at ~2 kB each)',
  },
  maxChallenges: {
    default: 10_000,
    counter: 'challenges_evicted',
    atLimit:
      'the oldest OOB challenge or Guardian push (each kept apart, the first to expire) is evicted; its `oob_code` then answers `Invalid oob_code.` as an expired one does',
  },
  maxRefreshTokens: {
    default: 10_000,
    counter: 'refresh_tokens_evicted',
    atLimit:
      'the oldest refresh token (and, separately, the oldest rotated one kept for reuse detection) is evicted and then answers as revoked; also 200 per user and client',
  },
  maxAccessTokens: {
    default: 10_000,
    counter: 'access_tokens_evicted',
    atLimit:
      'expired opaque access tokens go first, then the oldest; `/userinfo` then answers `401` for them',
  },
  maxClientAssertions: {
    default: 10_000,
    counter: 'client_assertions_refused',
    atLimit:
      'expired `jti`s are dropped; if all are still valid the new assertion is refused with `429 too_many_requests`, as forgetting one would let it be replayed',
  },
  maxMessagesPerUser: {
    default: 50,
    counter: 'messages_evicted',
    atLimit: "the user's oldest SMS, voice or email message is dropped",
  },
  maxPendingEnrolments: {
    default: 20,
    counter: 'pending_enrolments_evicted',
    atLimit:
      "the user's oldest pending enrolment is dropped (its oob_code then answers `Invalid oob_code.`); confirmed factors are never dropped",
  },
} as const satisfies Record<keyof StoreLimits, LimitSpec>

/** The limits when none is configured. */
export const DEFAULT_LIMITS: Readonly<StoreLimits> = Object.fromEntries(
  Object.entries(LIMITS).map(([name, spec]) => [name, spec.default as number]),
) as Record<keyof StoreLimits, number>

/** The limits `options` sets, leaving out the ones it does not. */
export function pickLimits(options: Partial<StoreLimits>): Partial<StoreLimits> {
  return Object.fromEntries(
    Object.keys(LIMITS).flatMap((name) => {
      const value = options[name as keyof StoreLimits]
      return value === undefined ? [] : [[name, value]]
    }),
  )
}

/** How many entries each limit evicted or refused, for `stats()`. */
export type LimitCounters = Record<keyof StoreLimits, number>

/** Counters at zero, for a new or reset store. */
export function zeroCounters(): LimitCounters {
  return Object.fromEntries(Object.keys(DEFAULT_LIMITS).map((k) => [k, 0])) as LimitCounters
}

/** Where the last look for a map's oldest entry stopped (see `oldestKey`). */
interface Cursor<K> {
  iterator: Iterator<K>
  key: K | undefined
}

const cursors = new WeakMap<Map<unknown, unknown>, Cursor<unknown>>()

/**
 * The oldest key of an insertion-ordered map, or undefined when it is empty. A store at its limit
 * drops its oldest entry on every insert, and V8 keeps the slots of deleted entries until it
 * compacts the map, so a loop from the start would walk thousands of them each time. A key
 * iterator kept from one call to the next never walks a slot twice.
 */
export function oldestKey<K, V>(map: Map<K, V>): K | undefined {
  let cursor = cursors.get(map) as Cursor<K> | undefined
  if (!cursor) {
    cursor = { iterator: map.keys(), key: undefined }
    cursors.set(map, cursor as Cursor<unknown>)
  }
  while (cursor.key === undefined || !map.has(cursor.key)) {
    const next = cursor.iterator.next()
    if (next.done) {
      // A finished iterator stays finished: the next look starts over with the new entries.
      cursors.delete(map)
      return undefined
    }
    cursor.key = next.value
  }
  return cursor.key
}

/**
 * Drops the oldest entries of `map` (insertion order) until one more fits within the tenant's
 * `limit`, counting each drop; `onDrop` cleans up whatever indexes the entry.
 */
export function makeRoom<K, V>(
  tenant: TenantContext,
  limit: keyof StoreLimits,
  map: Map<K, V>,
  onDrop?: (key: K, value: V) => void,
): void {
  while (map.size >= tenant.limits[limit]) {
    const key = oldestKey(map)
    if (key === undefined) return
    const value = map.get(key) as V
    map.delete(key)
    onDrop?.(key, value)
    countAtLimit(tenant, limit)
  }
}

/**
 * Counts one entry a limit evicted or refused; the first time after a start or reset it also
 * says so once, as flows that hit a limit fail in ways a test author should not have to guess.
 */
export function countAtLimit(tenant: TenantContext, limit: keyof StoreLimits): void {
  tenant.store.evicted[limit] += 1
  if (tenant.store.evicted[limit] > 1) return
  devWarn(
    `${limit} (${tenant.limits[limit]}) reached: ${LIMITS[limit].atLimit} (stats().${LIMITS[limit].counter} counts them); raise it with createEmulator({ ${limit} })`,
  )
}
