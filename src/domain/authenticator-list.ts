import { maskEmail, maskPhone } from '../contract/masks.js'
import type { AuthenticatorKind, AuthenticatorState, UserView } from './store.js'
import type { TenantContext } from './tenant.js'

/** An authenticator as `GET /mfa/authenticators` lists it (2026 shape, Auth0's key order). */
export type AuthenticatorView = Record<string, string | boolean>

const OOB_KINDS: ReadonlySet<AuthenticatorKind> = new Set(['sms', 'voice', 'email', 'push'])

/** Whether a kind is out-of-band (`authenticator_type: "oob"`). */
export function isOob(kind: AuthenticatorKind): boolean {
  return OOB_KINDS.has(kind)
}

/** The `type` of an active entry: the 2026 captures name SMS and voice factors `phone`. */
const ACTIVE_TYPE: Record<AuthenticatorKind, string> = {
  totp: 'otp',
  sms: 'phone',
  voice: 'phone',
  email: 'email',
  push: 'push-notification',
}

function maskedName(a: Readonly<AuthenticatorState>): string | undefined {
  if (a.phone_number) return maskPhone(a.phone_number)
  if (a.email) return maskEmail(a.email)
  return undefined
}

/** One factor in the list shape; `type` only on active entries, as recorded. */
export function authenticatorView(a: Readonly<AuthenticatorState>): AuthenticatorView {
  const type = a.active ? { type: ACTIVE_TYPE[a.kind] } : {}
  if (!isOob(a.kind)) return { id: a.id, authenticator_type: 'otp', active: a.active, ...type }
  const name = maskedName(a)
  return {
    id: a.id,
    authenticator_type: 'oob',
    active: a.active,
    oob_channel: a.kind === 'push' ? 'auth0' : a.kind,
    ...(name === undefined ? {} : { name }),
    ...type,
  }
}

/** Whether a pending enrolment has outlived `tenant.pending_enrolments.lifetime`. */
export function isExpiredEnrolment(tenant: TenantContext, a: Readonly<AuthenticatorState>) {
  const lifetime = tenant.fixture.tenant.pending_enrolments.lifetime
  if (a.active || lifetime === null || a.createdAt === undefined) return false
  return tenant.clock.now() >= a.createdAt + lifetime * 1000
}

/** The user's confirmed factors and unexpired pending enrolments, in enrolment order. */
export function liveAuthenticators(
  tenant: TenantContext,
  user: UserView,
): readonly Readonly<AuthenticatorState>[] {
  return user.authenticators.filter((a) => !isExpiredEnrolment(tenant, a))
}

/** Whether the user has confirmed any factor (recovery codes aside). */
export function hasActiveAuthenticator(user: UserView): boolean {
  return user.authenticators.some((a) => a.active)
}

/**
 * Whether the user's recovery code is active: not while every enrolment is still pending (a real
 * tenant lists it `"active":false` until a factor is confirmed); a code without any enrolment
 * (set in the fixture, or regenerated through the Management API) works.
 */
export function recoveryCodeActive(tenant: TenantContext, user: UserView): boolean {
  const live = liveAuthenticators(tenant, user)
  return live.length === 0 || live.some((a) => a.active)
}

/**
 * The user's authenticators as Auth0 lists them: the recovery code first, when the user has one
 * and recovery codes are on for this request, inactive until a factor is confirmed.
 */
export function listAuthenticators(
  tenant: TenantContext,
  user: UserView,
  recoveryCodesOn: boolean,
): AuthenticatorView[] {
  const views = liveAuthenticators(tenant, user).map(authenticatorView)
  if (user.recoveryCode === null || !recoveryCodesOn) return views
  const active = recoveryCodeActive(tenant, user)
  const code = { id: user.recoveryCodeId, authenticator_type: 'recovery-code', active }
  return [active ? { ...code, type: 'recovery-code' } : code, ...views]
}
