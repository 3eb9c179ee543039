import { OAuthError } from '../../contract/oauth-error.js'
import { hasActiveAuthenticator } from '../../domain/authenticator-list.js'
import { enrolFactor, type FactorRequest } from '../../domain/factors.js'
import { sendOobChallenge } from '../../domain/oob-challenges.js'
import { recoveryCodesEnabled } from '../../domain/recovery-codes.js'
import type { UserView } from '../../domain/store.js'
import type { TenantContext } from '../../domain/tenant.js'
import { asObject, readJson } from '../../http/params.js'
import type { RouteContext } from '../../http/pipeline.js'
import { barcodeUri } from '../../tokens/totp.js'
import type { MfaBearer } from './bearer.js'
import { pushAutoAnswer, pushEnrolment } from './push.js'

const invalid = (detail: string) => new OAuthError('invalid_mfa_parameter', { detail })

function stringList(body: Record<string, unknown>, name: string): string[] | undefined {
  const value = body[name]
  if (value === undefined) return undefined
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
    throw invalid(`${name} must be an array of strings`)
  }
  return value
}

function optionalString(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name]
  if (value === undefined) return undefined
  if (typeof value !== 'string') throw invalid(`${name} must be a string`)
  return value
}

const OOB_CHANNELS: Record<string, 'sms' | 'voice' | 'email' | 'push'> = {
  sms: 'sms',
  voice: 'voice',
  email: 'email',
  auth0: 'push',
}

/** The factor a request asks to enrol, validated. */
function requestedFactor(user: UserView, body: Record<string, unknown>): FactorRequest {
  const types = stringList(body, 'authenticator_types')
  if (!types?.length) throw invalid('Missing required parameter: authenticator_types')
  if (types.length !== 1 || (types[0] !== 'otp' && types[0] !== 'oob')) {
    throw invalid('authenticator_types must be ["otp"] or ["oob"]')
  }
  if (types[0] === 'otp') return { kind: 'totp' }
  const channels = stringList(body, 'oob_channels')
  const kind = channels?.length === 1 ? OOB_CHANNELS[channels[0] ?? ''] : undefined
  if (!kind) throw invalid('oob_channels must be one of ["sms"], ["voice"], ["email"] or ["auth0"]')
  if (kind === 'push') return { kind }
  if (kind === 'email') return { kind, email: optionalString(body, 'email') ?? user.profile.email }
  const phone = optionalString(body, 'phone_number')
  if (!phone) throw invalid('Missing required parameter: phone_number')
  if (!/^\+[1-9]\d{6,14}$/.test(phone))
    throw invalid('phone_number must be in E.164 format, e.g. +14155550123')
  return { kind, phone_number: phone }
}

/**
 * `POST /mfa/associate`: enrols a factor, pending until confirmed with its grant. The user's
 * first enrolment also hands out a recovery code when recovery codes are on. With an
 * MFA-audience access token, an enrolled user may add further factors.
 */
export async function associate(
  tenant: TenantContext,
  { request, scenarios, trace, caller }: RouteContext<MfaBearer>,
) {
  const { user, viaAccessToken } = caller
  const body = asObject(await readJson(request, tenant.maxBodyBytes, invalid, true), invalid)
  trace.params = Object.fromEntries(
    Object.entries(body).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
  )
  // An mfa_token may enrol while the user has no confirmed factor (several pending enrolments
  // may pile up); an MFA-audience access token (scope `enroll`) may add more at any time.
  if (hasActiveAuthenticator(user) && !viaAccessToken) throw new OAuthError('already_enrolled')
  const wanted = requestedFactor(user, body)
  const recoveryCodesOn = recoveryCodesEnabled(tenant, scenarios)
  const userId = user.profile.user_id
  const { authenticator, recoveryCode } = enrolFactor(tenant, userId, wanted, recoveryCodesOn)
  const recoveryCodes = recoveryCode === undefined ? {} : { recovery_codes: [recoveryCode] }
  if (authenticator.kind === 'totp') {
    const tenantName = tenant.fixture.tenant.friendly_name
    return {
      authenticator_type: 'otp',
      secret: authenticator.secret,
      barcode_uri: barcodeUri(tenantName, user.profile.email, authenticator.secret ?? ''),
      ...recoveryCodes,
    }
  }
  if (authenticator.kind === 'push') {
    return pushEnrolment(tenant, user, authenticator.id, recoveryCodes, pushAutoAnswer(scenarios))
  }
  const oobCode = sendOobChallenge(tenant, userId, authenticator)
  return {
    authenticator_type: 'oob',
    binding_method: 'prompt',
    ...recoveryCodes,
    oob_channel: authenticator.kind,
    oob_code: oobCode,
  }
}
