import { OAuthError } from '../contract/oauth-error.js'
import { makeRoom } from './limits.js'
import type { MfaTokenState, UserView } from './store.js'
import { maybeSweep } from './sweep.js'
import type { TenantContext } from './tenant.js'

/** What a valid mfa_token resolves to. */
export interface ResolvedMfaToken {
  readonly record: Readonly<MfaTokenState>
  readonly user: UserView
}

/** How a request uses an mfa_token, and what its scenarios say about every token. */
export interface MfaTokenUse {
  /** The client the request authenticated as, when the endpoint has one. */
  clientId?: string
  /** Token grants burn the token; the MFA API reads it. */
  forTokenGrant: boolean
  /** Scenario `malformed-mfa-token` is in force. */
  malformed: boolean
  /** Scenario `expired-mfa-token` is in force. */
  expired: boolean
}

/**
 * Checks an mfa_token in Auth0's order without changing anything: integrity (unknown, altered or
 * evicted tokens are malformed), expiry on the emulator clock, the client it was issued to, and
 * single use for token grants.
 */
export function resolveMfaToken(
  tenant: TenantContext,
  token: string,
  use: MfaTokenUse,
): ResolvedMfaToken {
  if (use.malformed) throw new OAuthError('malformed_mfa_token')
  const record = tenant.store.mfaTokens.get(token)
  const user = record && tenant.store.users.get(record.userId)
  if (!record || !user) throw new OAuthError('malformed_mfa_token')
  if (use.expired || tenant.clock.now() >= record.expiresAt) {
    throw new OAuthError('expired_mfa_token')
  }
  if (use.clientId !== undefined && use.clientId !== record.clientId) {
    throw new OAuthError('mfa_token_client_mismatch')
  }
  const reuse = tenant.fixture.tenant.mfa_token_reuse
  if (
    record.used &&
    (use.forTokenGrant ? reuse.token_grants : reuse.authenticators) === 'single-use'
  ) {
    throw new OAuthError('used_mfa_token')
  }
  return { record, user }
}

/** Marks an mfa_token used by a successful token grant (its reuse rule decides what follows). */
export function burnMfaToken(tenant: TenantContext, token: string): void {
  const record = tenant.store.mfaTokens.get(token)
  if (record) record.used = true
}

/**
 * Mints an mfa_token bound to a user, a client and the login's scope and audience. Past the
 * tenant's cap the oldest tokens are evicted (they then answer as malformed), so memory stays
 * bounded by count as well as by time.
 */
export function mintMfaToken(
  tenant: TenantContext,
  binding: { userId: string; clientId: string; scope: string; audience: string | undefined },
): string {
  const now = tenant.clock.now()
  const expiresAt = now + tenant.fixture.tenant.mfa_token_lifetime * 1000
  const token = tenant.gen.mfaToken(now, expiresAt)
  const tokens = tenant.store.mfaTokens
  maybeSweep(tenant.store, now)
  makeRoom(tenant, 'maxMfaTokens', tokens)
  tokens.set(token, {
    token,
    ...binding,
    issuedAt: now,
    expiresAt,
    used: false,
  })
  return token
}
