import { GrantType } from '../../../contract/grant-types.js'
import { OAuthError } from '../../../contract/oauth-error.js'
import { recoveryCodeActive } from '../../../domain/authenticator-list.js'
import { recoveryCodesEnabled, redeemRecoveryCode } from '../../../domain/recovery-codes.js'
import { requireParam } from '../../../http/params.js'
import type { Grant } from './grant.js'
import { beginMfaGrant, completeMfaGrant } from './mfa-grant.js'

/**
 * `http://auth0.com/oauth/grant-type/mfa-recovery-code`: redeems the user's single active code
 * and answers with tokens and the user's new code.
 */
export const recoveryCodeGrant: Grant = {
  type: GrantType.recoveryCode,
  async run(ctx) {
    const { tenant, params, scenarios } = ctx
    const mfaToken = requireParam(params, 'mfa_token')
    const submitted = requireParam(params, 'recovery_code')
    const resolved = beginMfaGrant(ctx, mfaToken, ({ user }) => {
      const on = recoveryCodesEnabled(tenant, scenarios)
      if (!on || user.recoveryCode === null || !recoveryCodeActive(tenant, user))
        throw new OAuthError('recovery_codes_unavailable')
    })
    if (scenarios.apply('invalid-recovery-code')) throw new OAuthError('invalid_recovery_code')
    // Redeems and rotates before any await: the code is redeemed at most once.
    const recoveryCode = redeemRecoveryCode(tenant, resolved.user.profile.user_id, submitted)
    return completeMfaGrant(ctx, resolved, recoveryCode)
  },
}
