import { GrantType } from '../contract/grant-types.js'
import { OAuthError } from '../contract/oauth-error.js'
import type { Core } from '../core.js'
import { requireParam } from '../handlers/read-params.js'
import { safeEqual } from '../tokens/compare.js'
import type { Grant } from './grant.js'
import { issueTokens } from './issue-tokens.js'
import { resolveMfaToken } from './mfa-token.js'

function normalise(core: Core, code: string): string {
  return core.fixture.tenant.recovery_code_matching === 'ignore-case-and-spaces'
    ? code.replace(/[\s-]+/g, '').toUpperCase()
    : code
}

/**
 * `http://auth0.com/oauth/grant-type/mfa-recovery-code`: redeems the user's single active code
 * and answers with tokens and the user's new code.
 */
export const recoveryCodeGrant: Grant = {
  type: GrantType.recoveryCode,
  async run({ core, client, params, scenarios, url }) {
    const mfaToken = requireParam(params, 'mfa_token')
    const submitted = requireParam(params, 'recovery_code')
    const { record, user } = resolveMfaToken(core, scenarios, mfaToken, {
      clientId: client.client_id,
      forTokenGrant: true,
    })
    const userId = user.profile.user_id
    if (user.blocked) throw new OAuthError('user_blocked')
    const disabled =
      core.fixture.tenant.recovery_codes === 'disabled' || scenarios.take('recovery-codes-disabled')
    if (disabled || user.recoveryCode === null) throw new OAuthError('recovery_codes_unavailable')
    if (scenarios.take('too-many-attempts') || core.limiter.exhausted(userId)) {
      throw new OAuthError('too_many_attempts')
    }
    if (scenarios.take('invalid-recovery-code')) throw new OAuthError('invalid_recovery_code')
    if (!safeEqual(normalise(core, submitted), user.recoveryCode)) {
      core.limiter.recordFailure(userId)
      throw new OAuthError('invalid_recovery_code')
    }
    // Rotate and burn synchronously, before any await, so a code is redeemed at most once.
    const recoveryCode = core.gen.recoveryCode()
    user.recoveryCode = recoveryCode
    record.used = true
    return issueTokens(core, {
      user,
      client,
      scope: record.scope,
      audience: record.audience,
      url,
      recoveryCode,
    })
  },
}
