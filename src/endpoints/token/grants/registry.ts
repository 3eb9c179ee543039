import { clientCredentialsGrant } from './client-credentials.js'
import type { Grant } from './grant.js'
import { mfaOobGrant } from './mfa-oob.js'
import { mfaOtpGrant } from './mfa-otp.js'
import { passwordGrant, passwordRealmGrant } from './password.js'
import { recoveryCodeGrant } from './recovery-code.js'
import { refreshTokenGrant } from './refresh-token.js'

/** The grants the token endpoint serves, keyed by `grant_type`. A new grant is one line here. */
export const GRANTS: ReadonlyMap<string, Grant> = new Map(
  [
    recoveryCodeGrant,
    mfaOtpGrant,
    mfaOobGrant,
    passwordGrant,
    passwordRealmGrant,
    refreshTokenGrant,
    clientCredentialsGrant,
  ].map((g) => [g.type, g]),
)
