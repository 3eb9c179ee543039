import type { VerifyCase } from '../case.js'
import { codeGrant } from '../requests.js'
import { errorCase } from './error-case.js'

const UNKNOWN_GRANT = 'urn:auth0-mfa-emulator:verify:unknown-grant'

/** A recovery-code grant whose mfa_token is not one the tenant issued. */
export const malformedMfaToken: VerifyCase = errorCase({
  id: 'malformed-mfa-token',
  title: 'recovery-code grant with a malformed mfa_token',
  errorKey: 'malformed_mfa_token',
  request: (ctx, side, v) =>
    codeGrant(ctx, side, { mfa_token: 'verify-malformed-mfa-token', recovery_code: v.wrongCode }),
})

/** A recovery-code grant without `mfa_token`. */
export const missingMfaToken: VerifyCase = errorCase({
  id: 'missing-mfa-token',
  title: 'recovery-code grant without mfa_token',
  errorKey: 'missing_parameter',
  params: { name: 'mfa_token' },
  request: (ctx, side, v) => codeGrant(ctx, side, { recovery_code: v.wrongCode }),
})

/** A recovery-code grant without `recovery_code`. */
export const missingRecoveryCode: VerifyCase = errorCase({
  id: 'missing-recovery-code',
  title: 'recovery-code grant without recovery_code',
  errorKey: 'missing_parameter',
  params: { name: 'recovery_code' },
  needsToken: true,
  request: (ctx, side, v) => codeGrant(ctx, side, { mfa_token: v.mfaToken }),
})

/** A recovery-code grant with a wrong client secret. */
export const wrongClientSecret: VerifyCase = errorCase({
  id: 'wrong-client-secret',
  title: 'recovery-code grant with a wrong client_secret',
  errorKey: 'client_authentication_failed',
  needsToken: true,
  skip: (ctx) =>
    ctx.tenant.clientSecret === undefined
      ? 'the application is public (no --client-secret), so there is no secret to get wrong'
      : undefined,
  request: (ctx, side, v) =>
    codeGrant(ctx, side, {
      mfa_token: v.mfaToken,
      recovery_code: v.wrongCode,
      client_secret: 'verify-wrong-client-secret',
    }),
})

/** A token request with a grant type Auth0 does not know. */
export const unknownGrantType: VerifyCase = errorCase({
  id: 'unknown-grant-type',
  title: 'token request with an unknown grant_type',
  errorKey: 'unsupported_grant_type',
  params: { grant_type: UNKNOWN_GRANT },
  request: (ctx, side) => {
    const { form = {} } = codeGrant(ctx, side, {})
    return { method: 'POST', path: '/oauth/token', form: { ...form, grant_type: UNKNOWN_GRANT } }
  },
})
