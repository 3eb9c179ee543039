import type { ClientFixture } from '../../../config/schema.js'
import { OAuthError } from '../../../contract/oauth-error.js'
import { mintMfaToken } from '../../../domain/mfa-tokens.js'
import { recoveryCodesEnabled } from '../../../domain/recovery-codes.js'
import type { AuthenticatorKind, UserView } from '../../../domain/store.js'
import type { TenantContext } from '../../../domain/tenant.js'
import type { RequestScenarios } from '../../../scenarios/flags.js'

const REQUIREMENT_TYPE: Record<AuthenticatorKind, string> = {
  totp: 'otp',
  sms: 'phone',
  voice: 'phone',
  email: 'email',
  push: 'push-notification',
}

function requirements(tenant: TenantContext, user: UserView, recoveryCodesOn: boolean) {
  const setting = tenant.fixture.tenant.mfa_requirements
  if (setting === 'off') return undefined
  if (setting !== 'auto') return setting
  const active = user.authenticators.filter((a) => a.active)
  if (!active.length) return { enroll: [{ type: 'otp' }] }
  const types = new Set(active.map((a) => REQUIREMENT_TYPE[a.kind]))
  if (user.recoveryCode !== null && recoveryCodesOn) types.add('recovery-code')
  return { challenge: [...types].map((type) => ({ type })) }
}

/** What the login that needs MFA asked for, and the request's scenarios. */
export interface MfaLogin {
  scope: string
  audience: string | undefined
  scenarios: RequestScenarios
}

/**
 * Refuses a login with `403 mfa_required`, minting the mfa_token bound to the user, the client
 * and the login's scope and audience (and `mfa_requirements` when the tenant sends them, which
 * list recovery codes only when they are on for this request).
 */
export function mfaRequired(
  tenant: TenantContext,
  user: UserView,
  client: ClientFixture,
  login: MfaLogin,
): never {
  const mfaToken = mintMfaToken(tenant, {
    userId: user.profile.user_id,
    clientId: client.client_id,
    scope: login.scope,
    audience: login.audience,
  })
  const recoveryCodesOn = recoveryCodesEnabled(tenant, login.scenarios)
  const mfaRequirements = requirements(tenant, user, recoveryCodesOn)
  throw new OAuthError(
    'mfa_required',
    {},
    { mfa_token: mfaToken, ...(mfaRequirements ? { mfa_requirements: mfaRequirements } : {}) },
  )
}
