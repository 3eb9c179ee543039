import { GrantType } from '../../../contract/grant-types.js'
import { liveAuthenticators } from '../../../domain/authenticator-list.js'
import { activateFactor } from '../../../domain/factors.js'
import { requireParam } from '../../../http/params.js'
import { verifyTotp } from '../../../tokens/totp.js'
import type { Grant } from './grant.js'
import { beginMfaGrant, completeMfaGrant, failFactor } from './mfa-grant.js'

/**
 * `http://auth0.com/oauth/grant-type/mfa-otp`: verifies a TOTP of the user's OTP factor on the
 * emulator clock (one period of drift either way); the first success confirms a pending enrolment.
 */
export const mfaOtpGrant: Grant = {
  type: GrantType.mfaOtp,
  async run(ctx) {
    const mfaToken = requireParam(ctx.params, 'mfa_token')
    const otp = requireParam(ctx.params, 'otp')
    const resolved = beginMfaGrant(ctx, mfaToken)
    const now = ctx.tenant.clock.now()
    const factor = liveAuthenticators(ctx.tenant, resolved.user).find(
      (a) => a.kind === 'totp' && a.secret !== undefined && verifyTotp(a.secret, otp, now),
    )
    if (!factor) failFactor(ctx, resolved, 'invalid_otp')
    activateFactor(ctx.tenant, resolved.user.profile.user_id, factor.id)
    return completeMfaGrant(ctx, resolved)
  },
}
