/**
 * Names of the request parameters and answer members whose values are secrets (credentials,
 * codes, tokens, OTP secrets): the one list the journal, the logs, the inspector and `verify`
 * redact by.
 */
export const SECRET_NAMES: ReadonlySet<string> = new Set([
  'client_secret',
  'client_assertion',
  'password',
  'recovery_code',
  'recovery_codes',
  'mfa_token',
  'otp',
  'oob_code',
  'binding_code',
  'refresh_token',
  'access_token',
  'id_token',
  'code',
  'code_verifier',
  // `/oauth/revoke`'s refresh token.
  'token',
  'secret',
  'barcode_uri',
])

/** What stands in for a secret wherever one would be shown. */
export const REDACTED = '[redacted]'
