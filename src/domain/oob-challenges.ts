import { activateFactor } from './factors.js'
import { countAtLimit, makeRoom } from './limits.js'
import type { AuthenticatorState, OobChallengeState } from './store.js'
import { capOldest, maybeSweep } from './sweep.js'
import type { TenantContext } from './tenant.js'

/** How long an oob_code (of a challenge or a push) stays valid (Auth0's codes last a few minutes). */
export const OOB_LIFETIME_MS = 5 * 60_000

/**
 * Starts an out-of-band challenge: "sends" a binding code to the authenticator's phone or email
 * (readable through the control API) and returns the `oob_code` the client verifies with.
 */
export function sendOobChallenge(
  tenant: TenantContext,
  userId: string,
  authenticator: Readonly<AuthenticatorState>,
): string {
  const now = tenant.clock.now()
  const oobCode = tenant.gen.oobCode(now, now + OOB_LIFETIME_MS)
  const bindingCode = tenant.gen.bindingCode()
  maybeSweep(tenant.store, now)
  makeRoom(tenant, 'maxChallenges', tenant.store.challenges)
  tenant.store.challenges.set(oobCode, {
    oobCode,
    userId: userId,
    authenticatorId: authenticator.id,
    bindingCode,
    expiresAt: now + OOB_LIFETIME_MS,
  })
  const channel =
    authenticator.kind === 'voice' ? 'voice' : authenticator.kind === 'email' ? 'email' : 'sms'
  const inbox = tenant.store.messages.get(userId) ?? []
  inbox.push({
    channel,
    to: authenticator.phone_number ?? authenticator.email ?? '',
    binding_code: bindingCode,
    sent_at: new Date(now).toISOString(),
  })
  const dropped = capOldest(inbox, tenant.limits.maxMessagesPerUser)
  for (let i = 0; i < dropped; i++) countAtLimit(tenant, 'maxMessagesPerUser')
  tenant.store.messages.set(userId, inbox)
  return oobCode
}

/** The user's pending challenge for `oobCode`, or undefined when it is unknown, theirs not, or expired. */
export function findOobChallenge(
  tenant: TenantContext,
  oobCode: string,
  userId: string,
): Readonly<OobChallengeState> | undefined {
  const challenge = tenant.store.challenges.get(oobCode)
  if (!challenge || challenge.userId !== userId) return undefined
  return tenant.clock.now() < challenge.expiresAt ? challenge : undefined
}

/** Ends a challenge answered with its binding code, confirming the factor it was sent to. */
export function completeOobChallenge(tenant: TenantContext, oobCode: string): void {
  const challenge = tenant.store.challenges.get(oobCode)
  if (!challenge) return
  tenant.store.challenges.delete(oobCode)
  activateFactor(tenant, challenge.userId, challenge.authenticatorId)
}
