import { OAuthError } from '../contract/oauth-error.js'
import { countAtLimit } from './limits.js'
import { maybeSweep } from './sweep.js'
import type { TenantContext } from './tenant.js'

/** Auth0 supports client assertions living at most 5 minutes. */
export const MAX_ASSERTION_LIFETIME_S = 300

/** Leeway for a client whose clock runs ahead of the emulator's. */
export const ASSERTION_CLOCK_SKEW_S = 30

/** Refuses an assertion whose `exp` lies further ahead than Auth0's lifetime (plus skew). */
export function checkAssertionLifetime(tenant: TenantContext, exp: number): void {
  const ahead = exp - tenant.clock.now() / 1000
  if (ahead > MAX_ASSERTION_LIFETIME_S + ASSERTION_CLOCK_SKEW_S) {
    throw new OAuthError('client_authentication_failed')
  }
}

/**
 * Accepts a client assertion's `jti` once per client while the assertion is valid: a replay is
 * refused like any failed client authentication. The `jti`s are held until they expire; when
 * `maxClientAssertions` valid ones are held, new assertions are refused (`429`) rather than an
 * old `jti` forgotten, which would let it be replayed.
 */
export function acceptAssertionOnce(
  tenant: TenantContext,
  clientId: string,
  jti: string,
  exp: number,
): void {
  const seen = tenant.store.clientAssertions
  const key = `${clientId}\u0000${jti}`
  const now = tenant.clock.now()
  const known = seen.get(key)
  if (known !== undefined && known > now) throw new OAuthError('client_authentication_failed')
  if (seen.size >= tenant.limits.maxClientAssertions) {
    for (const [old, expiresAt] of seen) if (expiresAt <= now) seen.delete(old)
  }
  if (seen.size >= tenant.limits.maxClientAssertions) {
    countAtLimit(tenant, 'maxClientAssertions')
    throw new OAuthError('client_assertions_exhausted')
  }
  maybeSweep(tenant.store, now)
  seen.delete(key)
  seen.set(key, exp * 1000)
}
