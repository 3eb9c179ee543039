import type { ClientFixture } from '../../../config/schema.js'
import { OAuthError } from '../../../contract/oauth-error.js'
import { recoveryCodesDisabled } from '../../../domain/factors.js'
import { mintMfaToken } from '../../../domain/mfa-tokens.js'
import type { AuthenticatorKind, UserState } from '../../../domain/store.js'
import type { TenantContext } from '../../../domain/tenant.js'

const REQUIREMENT_TYPE: Record<AuthenticatorKind, string> = {
  totp: 'otp',
  sms: 'phone',
  voice: 'phone',
  email: 'email',
  push: 'push-notification',
}

function requirements(tenant: TenantContext, user: UserState) {
  const setting = tenant.fixture.tenant.mfa_requirements
  if (setting === 'off') return undefined
  if (setting !== 'auto') return setting
  const active = user.authenticators.filter((a) => a.active)
  if (!active.length) return { enroll: [{ type: 'otp' }] }
  const types = new Set(active.map((a) => REQUIREMENT_TYPE[a.kind]))
  if (user.recoveryCode !== null && !recoveryCodesDisabled(tenant)) types.add('recovery-code')
  return { challenge: [...types].map((type) => ({ type })) }
}

/**
 * Refuses a login with `403 mfa_required`, minting the mfa_token bound to the user, the client
 * and the login's scope and audience (and `mfa_requirements` when the tenant sends them).
 */
export function mfaRequired(
  tenant: TenantContext,
  user: UserState,
  client: ClientFixture,
  scope: string,
  audience: string | undefined,
): never {
  const mfaToken = mintMfaToken(tenant, {
    userId: user.profile.user_id,
    clientId: client.client_id,
    scope,
    audience,
  })
  const mfaRequirements = requirements(tenant, user)
  throw new OAuthError(
    'mfa_required',
    {},
    { mfa_token: mfaToken, ...(mfaRequirements ? { mfa_requirements: mfaRequirements } : {}) },
  )
}
