import type { AuthenticatorState, UserState } from './store.js'
import { capOldest, MAX_MESSAGES_PER_USER, maybeSweep } from './sweep.js'
import type { TenantContext } from './tenant.js'

/** How long an oob_code stays valid (Auth0's codes last a few minutes). */
const OOB_LIFETIME_MS = 5 * 60_000

/**
 * Starts an out-of-band challenge: "sends" a binding code to the authenticator's phone or email
 * (readable through the control API) and returns the `oob_code` the client verifies with.
 */
export function sendOobChallenge(
  tenant: TenantContext,
  user: UserState,
  authenticator: AuthenticatorState,
): string {
  const oobCode = tenant.gen.oobCode()
  const bindingCode = tenant.gen.bindingCode()
  const now = tenant.clock.now()
  maybeSweep(tenant.store, now)
  tenant.store.challenges.set(oobCode, {
    oobCode,
    userId: user.profile.user_id,
    authenticatorId: authenticator.id,
    bindingCode,
    expiresAt: now + OOB_LIFETIME_MS,
  })
  const channel =
    authenticator.kind === 'voice' ? 'voice' : authenticator.kind === 'email' ? 'email' : 'sms'
  const inbox = tenant.store.messages.get(user.profile.user_id) ?? []
  inbox.push({
    channel,
    to: authenticator.phone_number ?? authenticator.email ?? '',
    binding_code: bindingCode,
    sent_at: new Date(now).toISOString(),
  })
  capOldest(inbox, MAX_MESSAGES_PER_USER)
  tenant.store.messages.set(user.profile.user_id, inbox)
  return oobCode
}
