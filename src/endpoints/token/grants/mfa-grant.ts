import { OAuthError } from '../../../contract/oauth-error.js'
import { burnMfaToken, type ResolvedMfaToken, resolveMfaToken } from '../../../domain/mfa-tokens.js'
import { issueTokens, type TokenBody } from '../issue-tokens.js'
import type { GrantContext } from './grant.js'

/**
 * The checks every MFA grant shares, in Auth0's order: the mfa_token (integrity, expiry, client),
 * the user's state, then the attempt limit. `factorCheck` runs between user state and the limit.
 */
export function beginMfaGrant(
  ctx: GrantContext,
  mfaToken: string,
  factorCheck: (resolved: ResolvedMfaToken) => void = () => {},
): ResolvedMfaToken {
  const resolved = resolveMfaToken(ctx.tenant, mfaToken, {
    clientId: ctx.client.client_id,
    forTokenGrant: true,
    malformed: ctx.scenarios.apply('malformed-mfa-token'),
    expired: ctx.scenarios.apply('expired-mfa-token'),
  })
  ctx.trace.userId = resolved.user.profile.user_id
  if (resolved.user.blocked) throw new OAuthError('user_blocked')
  factorCheck(resolved)
  const userId = resolved.user.profile.user_id
  if (ctx.scenarios.apply('too-many-attempts') || ctx.tenant.limiter.exhausted(userId)) {
    const wait = ctx.tenant.limiter.retryAfter(userId)
    const headers = wait === null ? {} : { 'Retry-After': String(wait) }
    throw new OAuthError('too_many_attempts', {}, {}, headers)
  }
  return resolved
}

/** Counts a wrong factor against the user's attempt limit and refuses with `key`. */
export function failFactor(
  ctx: GrantContext,
  resolved: ResolvedMfaToken,
  key: OAuthError['key'],
): never {
  ctx.tenant.limiter.recordFailure(resolved.user.profile.user_id)
  throw new OAuthError(key)
}

/** Burns the mfa_token (synchronously, before any await) and issues the tokens of its login. */
export function completeMfaGrant(
  ctx: GrantContext,
  { record, user }: ResolvedMfaToken,
  recoveryCode?: string,
): Promise<TokenBody> {
  burnMfaToken(ctx.tenant, record.token)
  return issueTokens(ctx.tenant, {
    user,
    client: ctx.client,
    scope: record.scope,
    audience: record.audience,
    url: ctx.url,
    ...(recoveryCode === undefined ? {} : { recoveryCode }),
  })
}
