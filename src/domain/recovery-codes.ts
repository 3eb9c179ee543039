import { OAuthError } from '../contract/oauth-error.js'
import type { RequestScenarios } from '../scenarios/flags.js'
import { safeEqual } from '../tokens/safe-equal.js'
import { markChanged } from './changes.js'
import type { UserState } from './store.js'
import type { TenantContext } from './tenant.js'

/**
 * Whether recovery codes are on: the tenant's setting and, for a request, its
 * `recovery-codes-disabled` scenario (noted as applied when it decides the answer).
 */
export function recoveryCodesEnabled(tenant: TenantContext, scenarios?: RequestScenarios): boolean {
  if (tenant.fixture.tenant.recovery_codes === 'disabled') return false
  return !scenarios?.apply('recovery-codes-disabled')
}

function normalise(tenant: TenantContext, code: string): string {
  return tenant.fixture.tenant.recovery_code_matching === 'ignore-case-and-spaces'
    ? code.replace(/[\s-]+/g, '').toUpperCase()
    : code
}

/**
 * Redeems a user's recovery code: a wrong code counts against the attempt limit and is refused;
 * the right one is replaced by a new code before this returns. It runs without awaiting, so two
 * concurrent requests can never both redeem the same code: a code is redeemed at most once.
 * @returns the user's new recovery code.
 */
export function redeemRecoveryCode(
  tenant: TenantContext,
  userId: string,
  submitted: string,
): string {
  const user = tenant.store.users.get(userId)
  if (!user || user.recoveryCode === null) throw new OAuthError('recovery_codes_unavailable')
  if (!safeEqual(normalise(tenant, submitted), user.recoveryCode)) {
    tenant.limiter.recordFailure(userId)
    throw new OAuthError('invalid_recovery_code')
  }
  return rotate(tenant, user)
}

/** Replaces a user's recovery code with a new one (the old one stops working at once). */
export function regenerateRecoveryCode(tenant: TenantContext, userId: string): string | undefined {
  const user = tenant.store.users.get(userId)
  return user && rotate(tenant, user)
}

function rotate(tenant: TenantContext, user: UserState): string {
  const code = tenant.gen.recoveryCode()
  // A user without a code gets a new recovery-code enrolment; a rotation keeps the old one's date.
  if (user.recoveryCode === null) user.recoveryCodeCreatedAt = tenant.clock.now()
  user.recoveryCode = code
  markChanged(tenant.store, user.profile.user_id)
  return code
}
