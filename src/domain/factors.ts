import { markChanged } from './changes.js'
import type { AuthenticatorKind, AuthenticatorState, UserView } from './store.js'
import type { TenantContext } from './tenant.js'

/** An authenticator as `GET /mfa/authenticators` lists it (2026 shape, Auth0's key order). */
export type AuthenticatorView = Record<string, string | boolean>

const OOB_KINDS: ReadonlySet<AuthenticatorKind> = new Set(['sms', 'voice', 'email', 'push'])

/** Whether a kind is out-of-band (`authenticator_type: "oob"`). */
export function isOob(kind: AuthenticatorKind): boolean {
  return OOB_KINDS.has(kind)
}

function maskedName(a: Readonly<AuthenticatorState>): string | undefined {
  if (a.phone_number)
    return `${a.phone_number.slice(0, 5)}${'X'.repeat(Math.max(0, a.phone_number.length - 5))}`
  if (a.email) {
    const [local = '', domain = ''] = a.email.split('@')
    return `${local.slice(0, 2)}${'*'.repeat(Math.max(1, local.length - 2))}@${domain}`
  }
  return undefined
}

/** One enrolled factor in the list shape. */
export function authenticatorView(a: Readonly<AuthenticatorState>): AuthenticatorView {
  if (!isOob(a.kind)) return { id: a.id, authenticator_type: 'otp', active: a.active, type: 'otp' }
  const name = maskedName(a)
  return {
    id: a.id,
    authenticator_type: 'oob',
    active: a.active,
    oob_channel: a.kind === 'push' ? 'auth0' : a.kind,
    ...(name === undefined ? {} : { name }),
    type: a.kind,
  }
}

/**
 * The user's authenticators as Auth0 lists them: the recovery code first, when the user has one
 * and recovery codes are on for this request.
 */
export function listAuthenticators(user: UserView, recoveryCodesOn: boolean): AuthenticatorView[] {
  const views = user.authenticators.map(authenticatorView)
  if (user.recoveryCode === null || !recoveryCodesOn) return views
  return [
    {
      id: user.recoveryCodeId,
      authenticator_type: 'recovery-code',
      active: true,
      type: 'recovery-code',
    },
    ...views,
  ]
}

/** Whether the user has confirmed any factor (recovery codes aside). */
export function hasActiveAuthenticator(user: UserView): boolean {
  return user.authenticators.some((a) => a.active)
}

/** What `/mfa/associate` asks to enrol. */
export type FactorRequest =
  | { kind: 'totp' }
  | { kind: 'sms' | 'voice'; phone_number: string }
  | { kind: 'email'; email: string }

/** A new pending factor, and the recovery code handed out with a user's first enrolment. */
export interface Enrolment {
  readonly authenticator: Readonly<AuthenticatorState>
  readonly recoveryCode: string | undefined
}

/**
 * Enrols a pending factor (confirmed later by its grant), replacing earlier pending ones. With
 * recovery codes on, the user gets a new recovery code, which the answer shows once.
 */
export function enrolFactor(
  tenant: TenantContext,
  userId: string,
  request: FactorRequest,
  recoveryCodesOn: boolean,
): Enrolment {
  const user = tenant.store.users.get(userId)
  if (!user) throw new TypeError(`No user '${userId}' in the fixture`)
  const id = tenant.gen.authenticatorId(request.kind)
  const now = tenant.clock.now()
  const pending = { id, active: false, createdAt: now }
  const authenticator: AuthenticatorState =
    request.kind === 'totp'
      ? { ...pending, kind: 'totp', secret: tenant.gen.otpSecret() }
      : request.kind === 'email'
        ? { ...pending, kind: 'email', email: request.email }
        : { ...pending, kind: request.kind, phone_number: request.phone_number }
  user.authenticators = [...user.authenticators.filter((a) => a.active), authenticator]
  const recoveryCode = recoveryCodesOn ? tenant.gen.recoveryCode() : undefined
  if (recoveryCode !== undefined) {
    if (user.recoveryCode === null) user.recoveryCodeCreatedAt = now
    user.recoveryCode = recoveryCode
  }
  markChanged(tenant.store, userId)
  return { authenticator, recoveryCode }
}

/** Confirms a factor after its first successful verification. */
export function activateFactor(tenant: TenantContext, userId: string, factorId: string): void {
  const factor = tenant.store.users.get(userId)?.authenticators.find((a) => a.id === factorId)
  if (factor && !factor.active) {
    factor.active = true
    markChanged(tenant.store, userId)
  }
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
