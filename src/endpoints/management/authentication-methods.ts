import { maskEmail, maskPhone } from '../../contract/masks.js'
import { recoveryCodeActive } from '../../domain/authenticator-list.js'
import type { AuthenticatorState, UserView } from '../../domain/store.js'
import type { TenantContext } from '../../domain/tenant.js'

/** One element of `GET /api/v2/users/{id}/authentication-methods`, keys in Auth0's order. */
export type AuthenticationMethodView = Record<string, unknown>

const createdAt = (ms: number | undefined) =>
  ms === undefined ? {} : { created_at: new Date(ms).toISOString() }

function methodView(a: Readonly<AuthenticatorState>): AuthenticationMethodView {
  const base = { id: a.id, type: a.kind, confirmed: true }
  if (a.kind === 'email') {
    return { ...base, ...(a.email ? { email: maskEmail(a.email) } : {}), ...createdAt(a.createdAt) }
  }
  if (a.kind !== 'sms' && a.kind !== 'voice') return { ...base, ...createdAt(a.createdAt) }
  // SMS and voice are one `phone` method whose channels are listed inside it.
  return {
    id: a.id.replace(/^[^|]+\|/, 'phone|'),
    type: 'phone',
    confirmed: true,
    ...(a.phone_number ? { phone_number: maskPhone(a.phone_number) } : {}),
    ...createdAt(a.createdAt),
    preferred_authentication_method: a.kind,
    authentication_methods: [{ id: a.id, type: a.kind }],
  }
}

/**
 * A user's confirmed authentication methods (pending enrolments are not shown, nor a recovery
 * code still inactive behind them), the recovery code first when the user has one and recovery
 * codes are on, as `/mfa/authenticators` orders them.
 */
export function authenticationMethods(
  tenant: TenantContext,
  user: UserView,
  recoveryCodesOn: boolean,
): AuthenticationMethodView[] {
  const methods = user.authenticators.filter((a) => a.active).map(methodView)
  if (user.recoveryCode === null || !recoveryCodesOn || !recoveryCodeActive(tenant, user))
    return methods
  const code = {
    id: user.recoveryCodeId,
    type: 'recovery-code',
    confirmed: true,
    ...createdAt(user.recoveryCodeCreatedAt),
  }
  return [code, ...methods]
}
