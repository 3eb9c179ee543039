/** Every scenario toggle, with the one-line effect the README and `--help` show. */
export const SCENARIOS = {
  'invalid-recovery-code': 'every submitted recovery code is rejected as invalid',
  'expired-mfa-token': 'every mfa_token is treated as expired',
  'recovery-codes-disabled': 'the tenant has recovery codes off',
  'malformed-mfa-token': 'every mfa_token is treated as malformed',
  'too-many-attempts': 'the attempt limit is reported as reached',
  'unauthorized-client': 'the client is treated as lacking the grant type',
  'server-error': 'Auth0 endpoints answer 500 server_error',
  'mfa-required-on-refresh': 'refresh_token grants of MFA users answer mfa_required (step-up)',
  'rate-limited': 'Auth0 endpoints answer 429 too_many_requests with Retry-After',
  'push-approved': 'every Guardian push is approved by the virtual phone as soon as it is sent',
  'push-rejected': 'every Guardian push is rejected by the virtual phone as soon as it is sent',
  slow: 'responses are delayed (2 s by default; delayMs option)',
  'network-error': 'the connection fails',
} as const

/** A scenario's kebab-case name. */
export type ScenarioName = keyof typeof SCENARIOS

/** All scenario names, in documentation order. */
export const SCENARIO_NAMES = Object.keys(SCENARIOS) as [ScenarioName, ...ScenarioName[]]

/** Whether `value` names a scenario. */
export function isScenarioName(value: string): value is ScenarioName {
  return Object.hasOwn(SCENARIOS, value)
}

/** A readable refusal for an unknown scenario name, listing the known ones. */
export function unknownScenarioMessage(value: string): string {
  return `Unknown scenario '${value}'. Known scenarios: ${SCENARIO_NAMES.join(', ')}`
}
