import type { RequestScenarios } from './scenario-toggles.js'
import type { AuthenticatorKind, AuthenticatorState, UserState } from './store.js'
import type { TenantContext } from './tenant.js'

/** An authenticator as `GET /mfa/authenticators` lists it (2026 shape, Auth0's key order). */
export type AuthenticatorView = Record<string, string | boolean>

const OOB_KINDS: ReadonlySet<AuthenticatorKind> = new Set(['sms', 'voice', 'email', 'push'])

/** Whether a kind is out-of-band (`authenticator_type: "oob"`). */
export function isOob(kind: AuthenticatorKind): boolean {
  return OOB_KINDS.has(kind)
}

function maskedName(a: AuthenticatorState): string | undefined {
  if (a.phone_number)
    return `${a.phone_number.slice(0, 5)}${'X'.repeat(Math.max(0, a.phone_number.length - 5))}`
  if (a.email) {
    const [local = '', domain = ''] = a.email.split('@')
    return `${local.slice(0, 2)}${'*'.repeat(Math.max(1, local.length - 2))}@${domain}`
  }
  return undefined
}

/** One enrolled factor in the list shape. */
export function authenticatorView(a: AuthenticatorState): AuthenticatorView {
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

/** Whether the tenant (or a scenario) has recovery codes switched off for this request. */
export function recoveryCodesDisabled(
  tenant: TenantContext,
  scenarios?: RequestScenarios,
): boolean {
  return (
    tenant.fixture.tenant.recovery_codes === 'disabled' ||
    (scenarios?.take('recovery-codes-disabled') ?? false)
  )
}

/** The user's authenticators as Auth0 lists them: the recovery code first, when the tenant allows it. */
export function listAuthenticators(
  tenant: TenantContext,
  user: UserState,
  scenarios?: RequestScenarios,
): AuthenticatorView[] {
  const views = user.authenticators.map(authenticatorView)
  if (user.recoveryCode === null || recoveryCodesDisabled(tenant, scenarios)) return views
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
export function hasActiveAuthenticator(user: UserState): boolean {
  return user.authenticators.some((a) => a.active)
}
