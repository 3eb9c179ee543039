import type { TenantContext } from './tenant.js'

/** What `emulator.stats()` reports: each bounded store's size, and what its limit dropped. */
export interface EmulatorStats {
  mfa_tokens: number
  mfa_tokens_evicted: number
  refresh_tokens: number
  /** Rotated refresh tokens remembered for reuse detection. */
  rotated_refresh_tokens: number
  refresh_tokens_evicted: number
  challenges: number
  challenges_evicted: number
  /** Guardian pushes waiting for, or answered by, the virtual phone. */
  pushes: number
  access_tokens: number
  access_tokens_evicted: number
  client_assertions: number
  /** Client assertions refused because `maxClientAssertions` valid ones were held. */
  client_assertions_refused: number
  messages: number
  messages_evicted: number
  /** Enrolments awaiting confirmation, at most `maxPendingEnrolments` per user. */
  pending_enrolments: number
  pending_enrolments_evicted: number
  /** Users with a failed-attempt bucket: at most one per user of the fixture. */
  attempt_buckets: number
  requests: number
}

/** Counts a tenant's bounded stores, so tests and operators can see memory stay flat. */
export function tenantStats(tenant: TenantContext): EmulatorStats {
  const { store } = tenant
  let messages = 0
  let pending = 0
  for (const inbox of store.messages.values()) messages += inbox.length
  for (const user of store.users.values()) {
    pending += user.authenticators.filter((a) => !a.active).length
  }
  return {
    mfa_tokens: store.mfaTokens.size,
    mfa_tokens_evicted: store.evicted.maxMfaTokens,
    refresh_tokens: store.refreshTokens.size,
    rotated_refresh_tokens: store.rotatedRefreshTokens.size,
    refresh_tokens_evicted: store.evicted.maxRefreshTokens,
    challenges: store.challenges.size,
    challenges_evicted: store.evicted.maxChallenges,
    pushes: store.pushes.size,
    access_tokens: store.accessTokens.size,
    access_tokens_evicted: store.evicted.maxAccessTokens,
    client_assertions: store.clientAssertions.size,
    client_assertions_refused: store.evicted.maxClientAssertions,
    messages,
    messages_evicted: store.evicted.maxMessagesPerUser,
    pending_enrolments: pending,
    pending_enrolments_evicted: store.evicted.maxPendingEnrolments,
    attempt_buckets: store.attempts.size,
    requests: tenant.journal.list().length,
  }
}
