import { OAuthError } from '../contract/oauth-error.js'
import { activateFactor } from './factors.js'
import { makeRoom } from './limits.js'
import { OOB_LIFETIME_MS } from './oob-challenges.js'
import type { PushState } from './store.js'
import { maybeSweep } from './sweep.js'
import type { TenantContext } from './tenant.js'

/** How the virtual phone answers a push the moment it is sent (the push-* scenarios). */
export type PushAutoAnswer = 'approved' | 'rejected' | undefined

/**
 * Sends a Guardian push to the user's virtual phone for an enrolment or a challenge; nothing is
 * "sent" by SMS. Returns the `oob_code` the mfa-oob grant polls with.
 */
export function sendPush(
  tenant: TenantContext,
  userId: string,
  authenticatorId: string,
  purpose: PushState['purpose'],
  autoAnswer: PushAutoAnswer,
): string {
  const now = tenant.clock.now()
  const oobCode = tenant.gen.oobCode(now, now + OOB_LIFETIME_MS)
  maybeSweep(tenant.store, now)
  const push: PushState = {
    id: tenant.gen.jwtId(),
    oobCode,
    userId,
    authenticatorId,
    purpose,
    status: 'pending',
    createdAt: now,
    expiresAt: now + OOB_LIFETIME_MS,
  }
  makeRoom(tenant, 'maxChallenges', tenant.store.pushes)
  tenant.store.pushes.set(oobCode, push)
  if (autoAnswer) answerPush(tenant, push, autoAnswer)
  return oobCode
}

/** The unexpired pushes still waiting for the phone, newest first. */
export function pendingPushes(tenant: TenantContext): readonly Readonly<PushState>[] {
  const now = tenant.clock.now()
  return [...tenant.store.pushes.values()]
    .filter((p) => p.status === 'pending' && now < p.expiresAt)
    .reverse()
}

/**
 * The virtual phone's answer: approving a push confirms a pending factor at once (an enrolment,
 * as the Guardian app's scan does); a rejection is final.
 */
export function answerPush(
  tenant: TenantContext,
  push: Readonly<PushState>,
  answer: 'approved' | 'rejected',
): void {
  const held = tenant.store.pushes.get(push.oobCode)
  if (held?.status !== 'pending') return
  held.status = answer
  if (answer === 'approved') activateFactor(tenant, held.userId, held.authenticatorId)
}

/** Whether `oobCode` names a push of the user (pushes and SMS challenges share the grant). */
export function findPush(
  tenant: TenantContext,
  oobCode: string,
  userId: string,
): Readonly<PushState> | undefined {
  const push = tenant.store.pushes.get(oobCode)
  if (!push || push.userId !== userId || tenant.clock.now() >= push.expiresAt) return undefined
  return push
}

/**
 * One poll of the mfa-oob grant on a push: `authorization_pending` (or `slow_down` when polled
 * faster than `tenant.push.poll_interval`) while the phone has not answered, `access_denied`
 * once it rejected (final), and nothing once it approved: the push is then spent.
 */
export function pollPush(tenant: TenantContext, push: Readonly<PushState>): void {
  const held = tenant.store.pushes.get(push.oobCode)
  if (!held) throw new OAuthError('invalid_oob_code')
  if (held.status === 'rejected') throw new OAuthError('push_rejected')
  if (held.status === 'approved') {
    tenant.store.pushes.delete(held.oobCode)
    return
  }
  const now = tenant.clock.now()
  const interval = tenant.fixture.tenant.push.poll_interval
  if (held.polledAt !== undefined && now - held.polledAt < interval * 1000) {
    throw new OAuthError('push_slow_down', { interval: String(interval) })
  }
  held.polledAt = now
  throw new OAuthError('push_pending')
}
