import type { ScenarioName } from './names.js'

/**
 * What each scenario does in detail, per endpoint: the table `docs/scenarios.md` shows is
 * generated from this (a scenario without an entry does not compile).
 */
export const SCENARIO_DETAILS: Readonly<Record<ScenarioName, string>> = {
  'invalid-recovery-code':
    'every submitted recovery code is refused as `invalid_grant` `Invalid recovery_code.` (no attempt is spent)',
  'expired-mfa-token': 'every `mfa_token` is treated as expired (MFA grants, `/mfa/*`)',
  'recovery-codes-disabled':
    'the recovery-code grant fails with `Invalid recovery_code.`, `/mfa/associate` returns no `recovery_codes`, `/mfa/authenticators` and the Management API list no recovery-code authenticator, `mfa_requirements` lists only `otp`',
  'malformed-mfa-token': 'every `mfa_token` is treated as malformed (MFA grants, `/mfa/*`)',
  'too-many-attempts':
    'every MFA grant answers `429 too_many_attempts` as if the limit were reached',
  'unauthorized-client': '`/oauth/token` treats the client as lacking the grant type (any grant)',
  'server-error':
    'the Authentication API, the MFA API and `/userinfo` answer `500 server_error`; the Management API its own `500`',
  'mfa-required-on-refresh':
    '`refresh_token` grants of MFA users answer `403 mfa_required` with a new mfa_token (step-up)',
  'rate-limited':
    'the Authentication API, the MFA API and `/userinfo` answer `429 too_many_requests` with `Retry-After` and `X-RateLimit-*`',
  'push-approved':
    'the virtual Guardian app approves every push (enrolment or challenge) as soon as it is sent: the `mfa-oob` grant answers tokens on its first poll',
  'push-rejected':
    'the virtual Guardian app rejects every push as soon as it is sent: the `mfa-oob` grant answers `access_denied` `MFA Authorization rejected.`',
  slow: "the Authentication, MFA and Management APIs answer late (2 s by default; `enable('slow', { delayMs })`)",
  'network-error':
    "the connection fails (in-process: msw's `HttpResponse.error()`; standalone: the socket is destroyed)",
}
