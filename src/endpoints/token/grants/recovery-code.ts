import { GrantType } from '../../../contract/grant-types.js'
import { OAuthError } from '../../../contract/oauth-error.js'
import { recoveryCodesDisabled } from '../../../domain/factors.js'
import type { TenantContext } from '../../../domain/tenant.js'
import { requireParam } from '../../../http/params.js'
import { safeEqual } from '../../../tokens/safe-equal.js'
import type { Grant } from './grant.js'
import { beginMfaGrant, completeMfaGrant, failFactor } from './mfa-grant.js'

function normalise(tenant: TenantContext, code: string): string {
  return tenant.fixture.tenant.recovery_code_matching === 'ignore-case-and-spaces'
    ? code.replace(/[\s-]+/g, '').toUpperCase()
    : code
}

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
      if (recoveryCodesDisabled(tenant, scenarios) || user.recoveryCode === null) {
        throw new OAuthError('recovery_codes_unavailable')
      }
    })
    const { user } = resolved
    if (scenarios.take('invalid-recovery-code')) throw new OAuthError('invalid_recovery_code')
    if (!safeEqual(normalise(tenant, submitted), user.recoveryCode ?? '')) {
      failFactor(ctx, resolved, 'invalid_recovery_code')
    }
    // Rotate synchronously, before any await, so a code is redeemed at most once.
    const recoveryCode = tenant.gen.recoveryCode()
    user.recoveryCode = recoveryCode
    return completeMfaGrant(ctx, resolved, recoveryCode)
  },
}
