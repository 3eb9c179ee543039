import type { FixtureInput, ScenarioName } from '../../src/index.js'
import { createEmulator } from '../../src/index.js'
import { type RunningServer, startServer } from '../../src/server/index.js'
import type { FixtureOverlay, VerifyOptions } from '../../src/verify/index.js'

/** The credentials of the application and user every verify test logs in as. */
export const CREDENTIALS = {
  domain: 'verify-tenant.local',
  clientId: 'verify-app',
  clientSecret: 'verify-app-secret-7f3k',
  username: 'vera@example.com',
  password: 'Sup3r-secret-pw!',
  recoveryCode: 'K6LGLV3RSH3VERMKET8L7QKU',
}

/** The user's id in the tenant fixtures. */
export const USER_ID = 'auth0|vera'

type Tenant = NonNullable<FixtureInput['tenant']>

/** A fixture holding the verify application and user; `tenant` settings make it differ. */
export function tenantFixture(
  tenant: Partial<Tenant> = {},
  user: Record<string, unknown> = {},
): FixtureInput {
  return {
    tenant: { domain: CREDENTIALS.domain, ...tenant },
    clients: [
      {
        client_id: CREDENTIALS.clientId,
        client_secret: CREDENTIALS.clientSecret,
        grant_types: ['password', 'http://auth0.com/oauth/grant-type/mfa-recovery-code'],
      },
    ],
    users: [
      {
        user_id: USER_ID,
        email: CREDENTIALS.username,
        password: CREDENTIALS.password,
        mfa_required: true,
        recovery_code: CREDENTIALS.recoveryCode,
        authenticators: [{ type: 'totp', secret: 'JBSWY3DPEHPK3PXP' }],
        ...user,
      },
    ],
  } as FixtureInput
}

/** The settings a deliberately different tenant uses: text, status, lifetimes and reuse. */
export const DIFFERENT: Partial<Tenant> = {
  mfa_token_lifetime: 5,
  access_token_lifetime: 7200,
  mfa_token_reuse: { token_grants: 'until-expiry' },
  recovery_code_matching: 'ignore-case-and-spaces',
  errors: {
    invalid_recovery_code: { error_description: 'MFA Authorization rejected.' },
    unsupported_grant_type: {
      status: 400,
      error: 'unsupported_grant_type',
      error_description: 'Unsupported grant type: {grant_type}',
    },
  },
}

/** The overlay `--record` should write for `DIFFERENT`. */
export const DIFFERENT_OVERLAY: FixtureOverlay = {
  tenant: {
    errors: {
      invalid_recovery_code: {
        status: 403,
        error: 'invalid_grant',
        error_description: 'MFA Authorization rejected.',
      },
      unsupported_grant_type: {
        status: 400,
        error: 'unsupported_grant_type',
        error_description: 'Unsupported grant type: {grant_type}',
      },
    },
    access_token_lifetime: 7200,
    mfa_token_reuse: { token_grants: 'until-expiry' },
    recovery_code_matching: 'ignore-case-and-spaces',
    mfa_token_lifetime: 5,
  },
}

/** A standalone emulator on a free port playing the Auth0 tenant. */
export function startTenant(
  fixtures: FixtureInput,
  scenarios: ScenarioName[] = [],
): Promise<RunningServer> {
  return startServer({ emulator: createEmulator({ fixtures, scenarios }) })
}

/** Library options against a tenant server, with the user's current code. */
export function optionsFor(url: string, recoveryCode = CREDENTIALS.recoveryCode): VerifyOptions {
  return { ...CREDENTIALS, recoveryCode, baseUrl: url, expiryWaitSeconds: 12 }
}

/** The secrets a run handles, none of which may appear in its output. */
export function secretsOf(...codes: (string | null | undefined)[]): string[] {
  return [CREDENTIALS.password, CREDENTIALS.clientSecret, ...codes.filter((c): c is string => !!c)]
}
