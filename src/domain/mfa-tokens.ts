import { OAuthError } from '../contract/oauth-error.js'
import type { RequestScenarios } from './scenario-toggles.js'
import type { MfaTokenState, UserState } from './store.js'
import { maybeSweep } from './sweep.js'
import type { TenantContext } from './tenant.js'

/** What a valid mfa_token resolves to. */
export interface ResolvedMfaToken {
  record: MfaTokenState
  user: UserState
}

/**
 * Checks an mfa_token in Auth0's order: integrity (unknown or altered tokens are malformed),
 * expiry on the emulator clock, the client it was issued to, and single use for token grants.
 */
export function resolveMfaToken(
  tenant: TenantContext,
  scenarios: RequestScenarios,
  token: string,
  use: { clientId?: string; forTokenGrant: boolean },
): ResolvedMfaToken {
  if (scenarios.take('malformed-mfa-token')) throw new OAuthError('malformed_mfa_token')
  const record = tenant.store.mfaTokens.get(token)
  const user = record && tenant.store.users.get(record.userId)
  if (!record || !user) throw new OAuthError('malformed_mfa_token')
  if (scenarios.take('expired-mfa-token') || tenant.clock.now() >= record.expiresAt) {
    throw new OAuthError('expired_mfa_token')
  }
  if (use.clientId !== undefined && use.clientId !== record.clientId) {
    throw new OAuthError('mfa_token_client_mismatch')
  }
  if (
    record.used &&
    (use.forTokenGrant
      ? tenant.fixture.tenant.mfa_token_reuse.token_grants
      : tenant.fixture.tenant.mfa_token_reuse.authenticators) === 'single-use'
  ) {
    throw new OAuthError('used_mfa_token')
  }
  return { record, user }
}

/** Mints an mfa_token bound to a user, a client and the login's scope and audience. */
export function mintMfaToken(
  tenant: TenantContext,
  binding: { userId: string; clientId: string; scope: string; audience: string | undefined },
): string {
  const token = tenant.gen.mfaToken()
  const now = tenant.clock.now()
  maybeSweep(tenant.store, now)
  tenant.store.mfaTokens.set(token, {
    token,
    ...binding,
    issuedAt: now,
    expiresAt: now + tenant.fixture.tenant.mfa_token_lifetime * 1000,
    used: false,
  })
  return token
}
