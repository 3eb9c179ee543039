import { GrantType } from '../../../contract/grant-types.js'
import { OAuthError } from '../../../contract/oauth-error.js'
import {
  findRefreshToken,
  revokeFamilyOnReuse,
  rotateRefreshToken,
} from '../../../domain/refresh-tokens.js'
import { findUser } from '../../../domain/store.js'
import { requireParam } from '../../../http/params.js'
import { scopeValues } from '../../../tokens/scope.js'
import { issueTokens } from '../issue-tokens.js'
import type { Grant } from './grant.js'
import { mfaRequired } from './mfa-required.js'

/**
 * The scope of a refresh that sends `scope`: the original grant's scopes it names, in the
 * original's order; a scope the original lacked is refused (RFC 6749 §6).
 */
function narrowedScope(original: string, requested: string | undefined): string {
  if (!requested?.trim()) return original
  const wanted = scopeValues(requested)
  const granted = scopeValues(original)
  const missing = wanted.filter((s) => !granted.includes(s))
  if (missing.length)
    throw new OAuthError('refresh_scope_not_granted', { scopes: missing.join(' ') })
  return granted.filter((s) => wanted.includes(s)).join(' ')
}

/**
 * `refresh_token`: new tokens for the login a refresh token came from; rotating clients get a
 * new refresh token of the same family and lose the old one, whose reuse revokes the family;
 * `scope` may narrow the grant. With step-up on, MFA users get `mfa_required`.
 */
export const refreshTokenGrant: Grant = {
  type: GrantType.refreshToken,
  async run({ tenant, client, params, scenarios, url, trace }) {
    const token = requireParam(params, 'refresh_token')
    // A rotated token presented again: Auth0 revokes the whole family and answers as revoked.
    if (revokeFamilyOnReuse(tenant, token, client.client_id))
      throw new OAuthError('invalid_refresh_token')
    const record = findRefreshToken(tenant, token)
    const user = record && findUser(tenant, record.userId)
    if (!record || !user || record.clientId !== client.client_id)
      throw new OAuthError('invalid_refresh_token')
    trace.userId = user.profile.user_id
    if (user.blocked) throw new OAuthError('user_blocked')
    const stepUp =
      tenant.fixture.tenant.mfa_required_on_refresh || scenarios.apply('mfa-required-on-refresh')
    if (stepUp && user.mfaRequired) {
      mfaRequired(tenant, user, client, { ...record, scenarios })
    }
    const scope = narrowedScope(record.scope, params.scope)
    const rotating = client.refresh_token.rotation_type === 'rotating'
    if (rotating) rotateRefreshToken(tenant, token)
    return issueTokens(tenant, {
      user,
      client,
      scope,
      refreshScope: record.scope,
      audience: record.audience,
      url,
      refreshToken: rotating,
      refreshFamily: record.family,
    })
  },
}
