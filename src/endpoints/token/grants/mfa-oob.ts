import { GrantType } from '../../../contract/grant-types.js'
import { OAuthError } from '../../../contract/oauth-error.js'
import { completeOobChallenge, findOobChallenge } from '../../../domain/oob-challenges.js'
import { findPush, pollPush } from '../../../domain/pushes.js'
import { requireParam } from '../../../http/params.js'
import { safeEqual } from '../../../tokens/safe-equal.js'
import type { Grant } from './grant.js'
import { beginMfaGrant, completeMfaGrant, failFactor } from './mfa-grant.js'

/**
 * `http://auth0.com/oauth/grant-type/mfa-oob`: completes an SMS, voice or email challenge with
 * the `binding_code` "sent" to the user (the first success confirms a pending enrolment), or
 * polls a Guardian push until the virtual phone answers it.
 */
export const mfaOobGrant: Grant = {
  type: GrantType.mfaOob,
  async run(ctx) {
    const { tenant, params } = ctx
    const mfaToken = requireParam(params, 'mfa_token')
    const oobCode = requireParam(params, 'oob_code')
    const resolved = beginMfaGrant(ctx, mfaToken)
    const push = findPush(tenant, oobCode, resolved.user.profile.user_id)
    if (push) {
      // A push needs no binding code: the grant answers for the virtual phone until it has.
      pollPush(tenant, push)
      return completeMfaGrant(ctx, resolved)
    }
    const challenge = findOobChallenge(tenant, oobCode, resolved.user.profile.user_id)
    if (!challenge) throw new OAuthError('invalid_oob_code')
    const bindingCode = requireParam(params, 'binding_code')
    if (!safeEqual(bindingCode, challenge.bindingCode))
      failFactor(ctx, resolved, 'invalid_binding_code')
    completeOobChallenge(tenant, oobCode)
    return completeMfaGrant(ctx, resolved)
  },
}
