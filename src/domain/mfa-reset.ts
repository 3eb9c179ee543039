import { markChanged } from './changes.js'
import type { TenantContext } from './tenant.js'

/**
 * Resets a user's MFA as `DELETE /api/v2/users/{id}/authenticators` does: every authenticator,
 * the recovery code and any pending out-of-band challenge go, so the next login must enrol again
 * and that first `/mfa/associate` hands out a new recovery code (under a new id, as a new
 * enrolment). Answers whether the user exists.
 */
export function resetMfa(tenant: TenantContext, userId: string): boolean {
  const user = tenant.store.users.get(userId)
  if (!user) return false
  user.authenticators = []
  user.recoveryCode = null
  user.recoveryCodeId = tenant.gen.authenticatorId('recovery-code')
  delete user.recoveryCodeCreatedAt
  // A challenge sent before the reset must not confirm a factor that no longer exists.
  for (const [oobCode, challenge] of tenant.store.challenges) {
    if (challenge.userId === userId) tenant.store.challenges.delete(oobCode)
  }
  markChanged(tenant.store, userId)
  return true
}
