/** One Auth0 error answer: HTTP status and the `error` / `error_description` pair. */
export interface ErrorEntry {
  status: number
  error: string
  /** May hold `{name}` placeholders filled from the error's parameters. */
  error_description: string
}

/**
 * Every error the emulator answers with, keyed by a stable name. Entries the contract marks as
 * a best guess can be replaced per tenant through the fixture's `tenant.errors`.
 */
export const ERROR_CATALOGUE = {
  invalid_recovery_code: {
    status: 403,
    error: 'invalid_grant',
    error_description: 'Invalid recovery_code.',
  },
  recovery_codes_unavailable: {
    status: 403,
    error: 'invalid_grant',
    error_description: 'Invalid recovery_code.',
  },
  expired_mfa_token: {
    status: 403,
    error: 'expired_token',
    error_description: 'mfa_token is expired',
  },
  malformed_mfa_token: {
    status: 403,
    error: 'invalid_grant',
    error_description: 'Malformed mfa_token',
  },
  used_mfa_token: { status: 403, error: 'invalid_grant', error_description: 'Malformed mfa_token' },
  mfa_token_client_mismatch: {
    status: 400,
    error: 'invalid_request',
    error_description: 'mfa_token not issued to this client',
  },
  missing_parameter: {
    status: 400,
    error: 'invalid_request',
    error_description: 'Missing required parameter: {name}',
  },
  parameter_not_string: {
    status: 400,
    error: 'invalid_request',
    error_description: '{name} must be a string',
  },
  invalid_body: { status: 400, error: 'invalid_request', error_description: '{detail}' },
  grant_not_allowed: {
    status: 403,
    error: 'unauthorized_client',
    error_description: "Grant type '{grant_type}' not allowed for the client.",
  },
  unsupported_grant_type: {
    status: 403,
    error: 'unauthorized_client',
    error_description: "Grant type '{grant_type}' not allowed for the client.",
  },
  client_authentication_failed: {
    status: 401,
    error: 'access_denied',
    error_description: 'Unauthorized',
  },
  unknown_client: { status: 401, error: 'access_denied', error_description: 'Unauthorized' },
  too_many_attempts: {
    status: 429,
    error: 'too_many_attempts',
    error_description: 'Too many failed attempts. Please try again later.',
  },
  client_assertions_exhausted: {
    status: 429,
    error: 'too_many_requests',
    error_description:
      'Too many client assertions are still valid; retry once earlier ones expire (maxClientAssertions).',
  },
  rate_limit_exceeded: {
    status: 429,
    error: 'too_many_requests',
    error_description: 'Rate limit exceeded.',
  },
  user_blocked: { status: 403, error: 'invalid_grant', error_description: 'user is blocked' },
  password_user_blocked: {
    status: 401,
    error: 'unauthorized',
    error_description: 'user is blocked',
  },
  wrong_credentials: {
    status: 403,
    error: 'invalid_grant',
    error_description: 'Wrong email or password.',
  },
  mfa_required: {
    status: 403,
    error: 'mfa_required',
    error_description: 'Multifactor authentication required',
  },
  unknown_realm: {
    status: 400,
    error: 'invalid_request',
    error_description: 'connection {realm} is not enabled for the client',
  },
  scenario_server_error: {
    status: 500,
    error: 'server_error',
    error_description: 'Internal server error (scenario server-error)',
  },
  missing_bearer_token: {
    status: 401,
    error: 'unauthorized',
    error_description: 'Missing authorization header; send Authorization: Bearer <mfa_token>',
  },
  mfa_api_invalid_token: {
    status: 401,
    error: 'invalid_grant',
    error_description: 'The mfa_token provided is invalid. Try getting a new token.',
  },
  insufficient_scope: {
    status: 403,
    error: 'access_denied',
    error_description: 'Insufficient scope',
  },
  userinfo_missing_token: { status: 401, error: '', error_description: '' },
  userinfo_invalid_token: {
    status: 401,
    error: 'invalid_token',
    error_description: 'Invalid token',
  },
  userinfo_expired_token: {
    status: 401,
    error: 'invalid_token',
    error_description: 'The token has expired',
  },
  revoke_invalid_token: {
    status: 400,
    error: 'invalid_request',
    error_description:
      'The refresh token is revoked, does not exist, or was not issued to the client making the revocation request',
  },
  already_enrolled: {
    status: 403,
    error: 'access_denied',
    error_description: 'User is already enrolled.',
  },
  invalid_mfa_parameter: { status: 400, error: 'invalid_request', error_description: '{detail}' },
  not_enrolled: {
    status: 401,
    error: 'unsupported_challenge_type',
    error_description:
      'User does not have any enrolled authenticator with the supported challenge type ({challenge_type})',
  },
  refresh_scope_not_granted: {
    status: 400,
    error: 'invalid_scope',
    error_description: 'The requested scope exceeds the scope originally granted: {scopes}',
  },
  authenticator_not_found: {
    status: 404,
    error: 'not_found',
    error_description: 'Authenticator not found',
  },
  invalid_otp: { status: 403, error: 'invalid_grant', error_description: 'Invalid otp_code.' },
  invalid_oob_code: { status: 403, error: 'invalid_grant', error_description: 'Invalid oob_code.' },
  invalid_binding_code: {
    status: 403,
    error: 'invalid_grant',
    error_description: 'Invalid binding_code.',
  },
  push_pending: {
    status: 400,
    error: 'authorization_pending',
    error_description: 'Authorization pending: please repeat the request in a few seconds.',
  },
  push_rejected: {
    status: 400,
    error: 'access_denied',
    error_description: 'MFA Authorization rejected.',
  },
  push_slow_down: {
    status: 400,
    error: 'slow_down',
    error_description: 'You are polling faster than allowed. Try again in {interval} seconds.',
  },
  logout_url_not_allowed: {
    status: 400,
    error: 'invalid_request',
    error_description:
      'The "{parameter}" querystring parameter "{url}" is not defined as a valid URL in "Allowed Logout URLs".',
  },
  logout_invalid_id_token_hint: {
    status: 400,
    error: 'invalid_request',
    error_description: 'The id_token_hint is not an ID token this tenant issued.',
  },
  logout_unknown_client: {
    status: 400,
    error: 'invalid_request',
    error_description: 'Unknown client: {client_id}',
  },
  invalid_refresh_token: {
    status: 403,
    error: 'invalid_grant',
    error_description: 'Unknown or invalid refresh token.',
  },
  missing_audience: {
    status: 403,
    error: 'access_denied',
    error_description:
      'No audience parameter was provided, and no default audience has been configured',
  },
  audience_not_enabled: {
    status: 403,
    error: 'access_denied',
    error_description: 'Service not enabled within domain: {audience}',
  },
  no_client_grant: {
    status: 403,
    error: 'access_denied',
    error_description:
      'Client is not authorized to access "{audience}". You need to create a "client-grant" associated to this API.',
  },
  scopes_not_granted: {
    status: 403,
    error: 'access_denied',
    error_description: 'Client has not been granted scopes: {scopes}',
  },
} as const satisfies Record<string, ErrorEntry>

/** The stable name of a catalogue entry. */
export type ErrorKey = keyof typeof ERROR_CATALOGUE

/** The names of all catalogue entries, for fixture validation. */
export const ERROR_KEYS = Object.keys(ERROR_CATALOGUE) as [ErrorKey, ...ErrorKey[]]
