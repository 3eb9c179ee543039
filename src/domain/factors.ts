import { isExpiredEnrolment } from './authenticator-list.js'
import { markChanged } from './changes.js'
import { countAtLimit } from './limits.js'
import type { AuthenticatorState } from './store.js'
import type { TenantContext } from './tenant.js'

/** What `/mfa/associate` asks to enrol. */
export type FactorRequest =
  | { kind: 'totp' }
  | { kind: 'sms' | 'voice'; phone_number: string }
  | { kind: 'email'; email: string }
  | { kind: 'push' }

/** A new pending factor, and the recovery code handed out with a user's first enrolment. */
export interface Enrolment {
  readonly authenticator: Readonly<AuthenticatorState>
  readonly recoveryCode: string | undefined
}

/**
 * Enrols a pending factor (confirmed later by its grant) beside the user's other pending ones, as
 * a real tenant keeps several; expired pending ones are dropped. A user's first enrolment (no
 * factor at all, pending or confirmed) gets a new recovery code when `recoveryCodesOn`.
 */
export function enrolFactor(
  tenant: TenantContext,
  userId: string,
  request: FactorRequest,
  recoveryCodesOn: boolean,
): Enrolment {
  const user = tenant.store.users.get(userId)
  if (!user) throw new TypeError(`No user '${userId}' in the fixture`)
  const kept = user.authenticators.filter((a) => !isExpiredEnrolment(tenant, a))
  // A client can start enrolments without end; past the limit the oldest pending one goes.
  const pendings = kept.filter((a) => !a.active)
  for (const old of pendings.slice(
    0,
    Math.max(0, pendings.length - tenant.limits.maxPendingEnrolments + 1),
  )) {
    kept.splice(kept.indexOf(old), 1)
    countAtLimit(tenant, 'maxPendingEnrolments')
  }
  const id = tenant.gen.authenticatorId(request.kind)
  const now = tenant.clock.now()
  const pending = { id, active: false, createdAt: now }
  const authenticator: AuthenticatorState =
    request.kind === 'totp'
      ? { ...pending, kind: 'totp', secret: tenant.gen.otpSecret() }
      : request.kind === 'email'
        ? { ...pending, kind: 'email', email: request.email }
        : request.kind === 'push'
          ? { ...pending, kind: 'push' }
          : { ...pending, kind: request.kind, phone_number: request.phone_number }
  const recoveryCode = recoveryCodesOn && kept.length === 0 ? tenant.gen.recoveryCode() : undefined
  user.authenticators = [...kept, authenticator]
  if (recoveryCode !== undefined) {
    if (user.recoveryCode === null) user.recoveryCodeCreatedAt = now
    user.recoveryCode = recoveryCode
  }
  markChanged(tenant.store, userId)
  return { authenticator, recoveryCode }
}

/**
 * Confirms a factor after its first successful verification. The user's other pending
 * enrolments stay pending, or go with `tenant.pending_enrolments.on_confirm: "drop"`.
 */
export function activateFactor(tenant: TenantContext, userId: string, factorId: string): void {
  const user = tenant.store.users.get(userId)
  const factor = user?.authenticators.find((a) => a.id === factorId)
  if (!user || !factor || factor.active) return
  factor.active = true
  if (tenant.fixture.tenant.pending_enrolments.on_confirm === 'drop') {
    user.authenticators = user.authenticators.filter((a) => a.active)
  }
  markChanged(tenant.store, userId)
}

/**
 * Deletes one authenticator of a user (the recovery-code one clears the code); answers whether
 * there was one with that id.
 */
export function deleteFactor(tenant: TenantContext, userId: string, factorId: string): boolean {
  const user = tenant.store.users.get(userId)
  if (!user) return false
  if (factorId === user.recoveryCodeId && user.recoveryCode !== null) {
    user.recoveryCode = null
    markChanged(tenant.store, userId)
    return true
  }
  const remaining = user.authenticators.filter((a) => a.id !== factorId)
  if (remaining.length === user.authenticators.length) return false
  user.authenticators = remaining
  markChanged(tenant.store, userId)
  return true
}
