import { decodeJwt, decodeProtectedHeader } from 'jose'
import { expect } from 'vitest'
import defaultFixture from '../../../fixtures/default.json' with { type: 'json' }
import type { EmulatorOptions, FixtureInput } from '../../../src/index.js'
import type { Driver } from '../../support/drivers.js'
import {
  ALICE_CODE,
  form,
  json,
  loginForMfaToken,
  RECOVERY_CODE_FORMAT,
  RECOVERY_GRANT,
  redeem,
} from '../../support/requests.js'
import { expectTokenKeys } from './enrolment-support.js'

export type Vars = Record<string, string>

/** One row of the contract: a request against a fresh tenant and the exact answer. */
export interface ContractCase {
  name: string
  /** Options of a dedicated emulator (a variant fixture); the shared default tenant otherwise. */
  emulator?: EmulatorOptions
  arrange?: (driver: Driver) => Promise<Vars>
  request: (vars: Vars) => { path?: string; init: RequestInit }
  status: number
  /** The exact response body bytes. */
  body?: string | ((vars: Vars) => string)
  /** Checks a body whose values vary (tokens); key order included. */
  check?: (body: Record<string, unknown>, vars: Vars, driver: Driver) => void | Promise<void>
  /** Expected header values; null means absent. Token-endpoint defaults apply on /oauth/token. */
  headers?: Record<string, string | null>
}

const TOKEN_ENDPOINT_HEADERS = {
  'content-type': 'application/json',
  'cache-control': 'no-store',
  pragma: 'no-cache',
  'www-authenticate': null,
}

export function expectedHeaders(c: ContractCase): Record<string, string | null> {
  const path = c.request({}).path ?? '/oauth/token'
  return { ...(path === '/oauth/token' ? TOKEN_ENDPOINT_HEADERS : {}), ...c.headers }
}

const token = (init: RequestInit) => ({ init })
export const errorBody = (error: string, description: string) =>
  `{"error":"${error}","error_description":"${description}"}`

const INVALID_CODE = errorBody('invalid_grant', 'Invalid recovery_code.')
const EXPIRED = errorBody('expired_token', 'mfa_token is expired')
const MALFORMED = errorBody('invalid_grant', 'Malformed mfa_token')
const NOT_ALLOWED = errorBody(
  'unauthorized_client',
  `Grant type '${RECOVERY_GRANT}' not allowed for the client.`,
)
const UNAUTHORIZED = errorBody('access_denied', 'Unauthorized')
const TOO_MANY = errorBody('too_many_attempts', 'Too many failed attempts. Please try again later.')

export const withExtraUsers = (
  users: FixtureInput['users'],
  tenant: FixtureInput['tenant'] = {},
): EmulatorOptions => ({
  fixtures: {
    ...(defaultFixture as FixtureInput),
    tenant: { ...(defaultFixture.tenant as FixtureInput['tenant']), ...tenant },
    users: [...(defaultFixture.users as NonNullable<FixtureInput['users']>), ...(users ?? [])],
  },
})

/** The default fixture with one client's `token_endpoint_auth_method` changed. */
const withAuthMethod = (clientId: string, method: string): EmulatorOptions => ({
  fixtures: {
    ...(defaultFixture as FixtureInput),
    clients: (defaultFixture.clients as NonNullable<FixtureInput['clients']>).map((c) =>
      c.client_id === clientId ? { ...c, token_endpoint_auth_method: method as 'none' } : c,
    ),
  },
})

const basicAuth = (id: string, secret: string) => ({
  authorization: `Basic ${btoa(`${id}:${secret}`)}`,
})

/** Asserts a success body: Auth0's key order, types, and a fresh recovery code. */
async function checkRecoverySuccess(
  body: Record<string, unknown>,
  previous: string,
  driver: Driver,
) {
  expect(Object.keys(body)).toEqual([
    'access_token',
    'id_token',
    'scope',
    'expires_in',
    'recovery_code',
    'token_type',
  ])
  expect(body.token_type).toBe('Bearer')
  expect(body.expires_in).toBe(86400)
  expect(body.scope).toBe('openid profile email')
  expect(body.recovery_code).toMatch(RECOVERY_CODE_FORMAT)
  expect(body.recovery_code).not.toBe(previous)
  expect(driver.emulator.currentRecoveryCode('auth0|alice')).toBe(body.recovery_code)
  const idToken = decodeJwt(String(body.id_token))
  expect(decodeProtectedHeader(String(body.id_token))).toMatchObject({
    alg: 'RS256',
    kid: 'dev-tenant-local-dev-key-1',
  })
  expect(idToken).toMatchObject({ iss: `${driver.base}/`, aud: 'spa-client', sub: 'auth0|alice' })
  expect(Number(idToken.exp) - Number(idToken.iat)).toBe(36000)
  expect(idToken).not.toHaveProperty('amr')
}

const redeemOnce = async (driver: Driver): Promise<Vars> => {
  const res = await driver.fetch('/oauth/token', form(redeem('mfa-token-alice', ALICE_CODE)))
  const body = (await res.json()) as { recovery_code: string }
  if (res.status !== 200) throw new Error(`arrange failed: ${res.status}`)
  return { newCode: body.recovery_code }
}

/** The contract of `/oauth/token` for the recovery-code grant and the login around it. */
export const CONTRACT: ContractCase[] = [
  {
    name: 'redeems the active recovery code from a form body and answers with tokens and a new code',
    request: () => token(form(redeem('mfa-token-alice', ALICE_CODE))),
    status: 200,
    check: (body, _v, driver) => checkRecoverySuccess(body, ALICE_CODE, driver),
  },
  {
    name: 'redeems a recovery code from a JSON body',
    request: () => token(json(redeem('mfa-token-alice', ALICE_CODE))),
    status: 200,
    check: (body, _v, driver) => checkRecoverySuccess(body, ALICE_CODE, driver),
  },
  {
    name: 'accepts a form body with a charset',
    request: () => {
      const init = form(redeem('mfa-token-alice', ALICE_CODE))
      return token({
        ...init,
        headers: { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8' },
      })
    },
    status: 200,
    check: (body, _v, driver) => checkRecoverySuccess(body, ALICE_CODE, driver),
  },
  {
    name: 'redeems the code on an mfa_token from a password login',
    arrange: async (driver) => ({ mfaToken: await loginForMfaToken(driver) }),
    request: (v) => token(form(redeem(v.mfaToken ?? '', ALICE_CODE))),
    status: 200,
    check: (body, _v, driver) => checkRecoverySuccess(body, ALICE_CODE, driver),
  },
  {
    name: 'authenticates a confidential client by client_secret in the body',
    request: () =>
      token(
        form(
          redeem('mfa-token-alice-web', ALICE_CODE, {
            client_id: 'regular-web-app',
            client_secret: 'regular-web-app-secret',
          }),
        ),
      ),
    status: 200,
    check: (body) => {
      expect(Object.keys(body)).toEqual([
        'access_token',
        'refresh_token',
        'id_token',
        'scope',
        'expires_in',
        'recovery_code',
        'token_type',
      ])
      expect(body.scope).toBe('openid profile email offline_access')
    },
  },
  {
    name: 'authenticates a client_secret_basic client by HTTP Basic',
    emulator: withAuthMethod('regular-web-app', 'client_secret_basic'),
    request: () =>
      token(
        form(
          redeem('mfa-token-alice-web', ALICE_CODE, { client_id: 'regular-web-app' }),
          basicAuth('regular-web-app', 'regular-web-app-secret'),
        ),
      ),
    status: 200,
    check: (body) => expect(body.recovery_code).toMatch(RECOVERY_CODE_FORMAT),
  },
  {
    name: 'refuses HTTP Basic from a client_secret_post client',
    request: () =>
      token(
        form(
          redeem('mfa-token-alice-web', ALICE_CODE, { client_id: 'regular-web-app' }),
          basicAuth('regular-web-app', 'regular-web-app-secret'),
        ),
      ),
    status: 401,
    body: UNAUTHORIZED,
  },
  {
    name: 'refuses a client_secret in the body from a client_secret_basic client',
    emulator: withAuthMethod('regular-web-app', 'client_secret_basic'),
    request: () =>
      token(
        form(
          redeem('mfa-token-alice-web', ALICE_CODE, {
            client_id: 'regular-web-app',
            client_secret: 'regular-web-app-secret',
          }),
        ),
      ),
    status: 401,
    body: UNAUTHORIZED,
  },
  {
    name: 'refuses a secret from a public (none) client',
    request: () =>
      token(form(redeem('mfa-token-alice', ALICE_CODE, { client_secret: 'anything' }))),
    status: 401,
    body: UNAUTHORIZED,
  },
  {
    name: 'rejects a wrong recovery code',
    request: () => token(form(redeem('mfa-token-alice', 'AAAAAAAAAAAAAAAAAAAAAAAA'))),
    status: 403,
    body: INVALID_CODE,
  },
  {
    name: 'rejects a recovery code that was already used',
    arrange: redeemOnce,
    request: () =>
      token(
        form(
          redeem('mfa-token-alice-web', ALICE_CODE, {
            client_id: 'regular-web-app',
            client_secret: 'regular-web-app-secret',
          }),
        ),
      ),
    status: 403,
    body: INVALID_CODE,
  },
  {
    name: 'accepts the new code exactly once',
    arrange: async (driver) => {
      const { newCode = '' } = await redeemOnce(driver)
      const mfaToken = await loginForMfaToken(driver)
      const first = await driver.fetch('/oauth/token', form(redeem(mfaToken, newCode)))
      if (first.status !== 200) throw new Error(`new code refused: ${first.status}`)
      return { newCode, mfaToken: await loginForMfaToken(driver) }
    },
    request: (v) => token(form(redeem(v.mfaToken ?? '', v.newCode ?? ''))),
    status: 403,
    body: INVALID_CODE,
  },
  {
    name: 'compares codes exactly: lower case is a wrong code',
    request: () => token(form(redeem('mfa-token-alice', ALICE_CODE.toLowerCase()))),
    status: 403,
    body: INVALID_CODE,
  },
  {
    name: 'refuses an expired mfa_token',
    request: () => token(form(redeem('mfa-token-alice-expired', ALICE_CODE))),
    status: 403,
    body: EXPIRED,
  },
  {
    name: 'refuses an mfa_token once the clock passes its 600 s lifetime',
    arrange: async (driver) => {
      const mfaToken = await loginForMfaToken(driver)
      driver.emulator.clock.advance(600_000)
      return { mfaToken }
    },
    request: (v) => token(form(redeem(v.mfaToken ?? '', ALICE_CODE))),
    status: 403,
    body: EXPIRED,
  },
  {
    name: 'refuses an unknown mfa_token as malformed',
    request: () => token(form(redeem('not-an-mfa-token', ALICE_CODE))),
    status: 403,
    body: MALFORMED,
  },
  {
    name: 'refuses a tampered mfa_token as malformed',
    arrange: async (driver) => {
      const t = await loginForMfaToken(driver)
      return { mfaToken: `${t.slice(0, -1)}${t.endsWith('A') ? 'B' : 'A'}` }
    },
    request: (v) => token(form(redeem(v.mfaToken ?? '', ALICE_CODE))),
    status: 403,
    body: MALFORMED,
  },
  {
    name: 'refuses an mfa_token that already completed a grant',
    arrange: redeemOnce,
    request: (v) => token(form(redeem('mfa-token-alice', v.newCode ?? ''))),
    status: 403,
    body: MALFORMED,
  },
  {
    name: 'refuses an mfa_token issued to another client',
    request: () =>
      token(
        form(
          redeem('mfa-token-alice', ALICE_CODE, {
            client_id: 'regular-web-app',
            client_secret: 'regular-web-app-secret',
          }),
        ),
      ),
    status: 400,
    body: errorBody('invalid_request', 'mfa_token not issued to this client'),
  },
  {
    name: 'requires mfa_token',
    request: () =>
      token(
        form({ grant_type: RECOVERY_GRANT, client_id: 'spa-client', recovery_code: ALICE_CODE }),
      ),
    status: 400,
    body: errorBody('invalid_request', 'Missing required parameter: mfa_token'),
  },
  {
    name: 'requires recovery_code',
    request: () =>
      token(
        form({ grant_type: RECOVERY_GRANT, client_id: 'spa-client', mfa_token: 'mfa-token-alice' }),
      ),
    status: 400,
    body: errorBody('invalid_request', 'Missing required parameter: recovery_code'),
  },
  {
    name: 'refuses a recovery_code that is not a string',
    request: () => token(json({ ...redeem('mfa-token-alice', ''), recovery_code: 123456 })),
    status: 400,
    body: errorBody('invalid_request', 'recovery_code must be a string'),
  },
  {
    name: 'refuses an mfa_token that is not a string',
    request: () => token(json({ ...redeem('', ALICE_CODE), mfa_token: { token: 'x' } })),
    status: 400,
    body: errorBody('invalid_request', 'mfa_token must be a string'),
  },
  {
    name: 'refuses the grant to a client without it in grant_types',
    request: () =>
      token(
        form(
          redeem('mfa-token-alice', ALICE_CODE, {
            client_id: 'no-mfa-grant-app',
            client_secret: 'no-mfa-grant-app-secret',
          }),
        ),
      ),
    status: 403,
    body: NOT_ALLOWED,
  },
  {
    name: 'refuses a confidential client with a wrong client_secret',
    request: () =>
      token(
        form(
          redeem('mfa-token-alice-web', ALICE_CODE, {
            client_id: 'regular-web-app',
            client_secret: 'wrong',
          }),
        ),
      ),
    status: 401,
    body: UNAUTHORIZED,
  },
  {
    name: 'refuses a confidential client without any credentials',
    request: () =>
      token(form(redeem('mfa-token-alice-web', ALICE_CODE, { client_id: 'regular-web-app' }))),
    status: 401,
    body: UNAUTHORIZED,
  },
  {
    name: 'refuses wrong HTTP Basic credentials',
    request: () =>
      token(
        form(redeem('mfa-token-alice-web', ALICE_CODE, { client_id: 'regular-web-app' }), {
          authorization: `Basic ${btoa('regular-web-app:nope')}`,
        }),
      ),
    status: 401,
    body: UNAUTHORIZED,
  },
  {
    name: 'refuses an unknown client_id',
    request: () => token(form(redeem('mfa-token-alice', ALICE_CODE, { client_id: 'who-is-this' }))),
    status: 401,
    body: UNAUTHORIZED,
  },
  {
    name: 'refuses an unknown grant_type',
    request: () => token(form({ grant_type: 'urn:example:made-up', client_id: 'spa-client' })),
    status: 403,
    body: errorBody(
      'unauthorized_client',
      "Grant type 'urn:example:made-up' not allowed for the client.",
    ),
  },
  {
    name: 'requires grant_type',
    request: () => token(form({ client_id: 'spa-client' })),
    status: 400,
    body: errorBody('invalid_request', 'Missing required parameter: grant_type'),
  },
  {
    name: 'requires client_id',
    request: () =>
      token(
        form({
          grant_type: RECOVERY_GRANT,
          mfa_token: 'mfa-token-alice',
          recovery_code: ALICE_CODE,
        }),
      ),
    status: 400,
    body: errorBody('invalid_request', 'Missing required parameter: client_id'),
  },
  {
    name: 'refuses a body that is not valid JSON',
    request: () =>
      token({
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"grant_type":',
      }),
    status: 400,
    body: errorBody('invalid_request', 'Request body is not valid JSON'),
  },
  {
    name: 'refuses a body of an unsupported content type',
    request: () =>
      token({
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: 'grant_type=password',
      }),
    status: 400,
    body: errorBody(
      'invalid_request',
      "Unsupported Content-Type 'text/plain'; send application/x-www-form-urlencoded or application/json",
    ),
  },
  {
    name: 'refuses a repeated form parameter',
    request: () =>
      token({
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `${new URLSearchParams(redeem('mfa-token-alice', ALICE_CODE))}&recovery_code=AAAA`,
      }),
    status: 400,
    body: errorBody('invalid_request', 'Parameter recovery_code must not be repeated'),
  },
  {
    name: 'refuses a malformed percent-encoding in a form body',
    request: () =>
      token({
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=%zz',
      }),
    status: 400,
    body: errorBody('invalid_request', 'Request body has a malformed percent-encoding'),
  },
  {
    name: 'refuses a percent-encoding that is not UTF-8',
    request: () =>
      token({
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=%FF',
      }),
    status: 400,
    body: errorBody(
      'invalid_request',
      'Request body has a percent-encoding that is not valid UTF-8',
    ),
  },
  {
    name: 'refuses the code of a user without a recovery-code enrolment',
    arrange: async (driver) => ({
      mfaToken: await driver.emulator.issueMfaToken({
        userId: 'auth0|bob',
        clientId: 'spa-client',
      }),
    }),
    request: (v) => token(form(redeem(v.mfaToken ?? '', ALICE_CODE))),
    status: 403,
    body: INVALID_CODE,
  },
  {
    name: 'refuses recovery codes on a tenant that has them disabled',
    emulator: withExtraUsers([], { recovery_codes: 'disabled' }),
    request: () => token(form(redeem('mfa-token-alice', ALICE_CODE))),
    status: 403,
    body: INVALID_CODE,
  },
  {
    name: 'refuses a blocked user',
    emulator: withExtraUsers([
      {
        user_id: 'auth0|dave',
        email: 'dave@example.com',
        password: 'Passw0rd!',
        blocked: true,
        mfa_required: true,
        recovery_code: 'MZCRK3YX5V3AKNNYY6JEBQCL',
      },
    ]),
    arrange: async (driver) => ({
      mfaToken: await driver.emulator.issueMfaToken({
        userId: 'auth0|dave',
        clientId: 'spa-client',
      }),
    }),
    request: (v) => token(form(redeem(v.mfaToken ?? '', 'MZCRK3YX5V3AKNNYY6JEBQCL'))),
    status: 403,
    body: errorBody('invalid_grant', 'user is blocked'),
  },
  {
    name: 'answers too_many_attempts after 10 failed codes',
    arrange: async (driver) => {
      for (let i = 0; i < 10; i++) {
        const res = await driver.fetch(
          '/oauth/token',
          form(redeem('mfa-token-alice', 'AAAAAAAAAAAAAAAAAAAAAAAA')),
        )
        if (res.status !== 403) throw new Error(`attempt ${i} answered ${res.status}`)
      }
      return {}
    },
    request: () => token(form(redeem('mfa-token-alice', ALICE_CODE))),
    status: 429,
    body: TOO_MANY,
  },
  {
    name: 'refills one attempt every 6 minutes on the emulator clock',
    arrange: async (driver) => {
      for (let i = 0; i < 10; i++) {
        await driver.fetch(
          '/oauth/token',
          form(redeem('mfa-token-alice', 'AAAAAAAAAAAAAAAAAAAAAAAA')),
        )
      }
      driver.emulator.clock.advance(6 * 60_000)
      return {}
    },
    request: () => token(form(redeem('mfa-token-alice', ALICE_CODE))),
    status: 200,
    check: (body, _v, driver) => checkRecoverySuccess(body, ALICE_CODE, driver),
  },
  {
    name: 'answers mfa_required with an mfa_token to a password login of an MFA user',
    request: () =>
      token(
        form({
          grant_type: 'password',
          username: 'alice@example.com',
          password: 'Passw0rd!',
          client_id: 'spa-client',
        }),
      ),
    status: 403,
    check: (body) => {
      expect(Object.keys(body)).toEqual(['error', 'error_description', 'mfa_token'])
      expect(body).toMatchObject({
        error: 'mfa_required',
        error_description: 'Multifactor authentication required',
      })
      expect(body.mfa_token).toEqual(expect.any(String))
    },
  },
  {
    name: 'answers mfa_required to the password-realm grant',
    request: () =>
      token(
        json({
          grant_type: 'http://auth0.com/oauth/grant-type/password-realm',
          realm: 'Username-Password-Authentication',
          username: 'bob@example.com',
          password: 'Passw0rd!',
          client_id: 'regular-web-app',
          client_secret: 'regular-web-app-secret',
        }),
      ),
    status: 403,
    check: (body) => expect(body.error).toBe('mfa_required'),
  },
  {
    name: 'refuses a realm that names no connection of the tenant',
    request: () =>
      token(
        form({
          grant_type: 'http://auth0.com/oauth/grant-type/password-realm',
          realm: 'Nope-Connection',
          username: 'alice@example.com',
          password: 'Passw0rd!',
          client_id: 'spa-client',
        }),
      ),
    status: 400,
    body: errorBody('invalid_request', 'connection Nope-Connection is not enabled for the client'),
  },
  {
    name: 'leaves recovery-code out of auto mfa_requirements when the request disables them',
    emulator: withExtraUsers([], { mfa_requirements: 'auto' }),
    request: () =>
      token(
        form(
          {
            grant_type: 'password',
            username: 'alice@example.com',
            password: 'Passw0rd!',
            client_id: 'spa-client',
          },
          { 'auth0-emulator-scenario': 'recovery-codes-disabled' },
        ),
      ),
    status: 403,
    check: (body) => expect(body.mfa_requirements).toEqual({ challenge: [{ type: 'otp' }] }),
  },
  {
    name: 'lists recovery-code in auto mfa_requirements when recovery codes are on',
    emulator: withExtraUsers([], { mfa_requirements: 'auto' }),
    request: () =>
      token(
        form({
          grant_type: 'password',
          username: 'alice@example.com',
          password: 'Passw0rd!',
          client_id: 'spa-client',
        }),
      ),
    status: 403,
    check: (body) =>
      expect(body.mfa_requirements).toEqual({
        challenge: [{ type: 'otp' }, { type: 'recovery-code' }],
      }),
  },
  {
    name: 'requires realm on the password-realm grant',
    request: () =>
      token(
        form({
          grant_type: 'http://auth0.com/oauth/grant-type/password-realm',
          username: 'bob@example.com',
          password: 'Passw0rd!',
          client_id: 'spa-client',
        }),
      ),
    status: 400,
    body: errorBody('invalid_request', 'Missing required parameter: realm'),
  },
  {
    name: 'refuses a wrong password',
    request: () =>
      token(
        form({
          grant_type: 'password',
          username: 'alice@example.com',
          password: 'nope',
          client_id: 'spa-client',
        }),
      ),
    status: 403,
    body: errorBody('invalid_grant', 'Wrong email or password.'),
  },
  {
    name: 'gives a user without MFA tokens straight from the password grant',
    request: () =>
      token(
        form({
          grant_type: 'password',
          username: 'carol@example.com',
          password: 'Passw0rd!',
          client_id: 'spa-client',
          scope: 'openid email',
        }),
      ),
    status: 200,
    check: (body) => {
      expectTokenKeys(body)
      expect(decodeJwt(String(body.id_token))).toMatchObject({
        sub: 'auth0|carol',
        email: 'carol@example.com',
      })
    },
  },
  {
    name: 'leaves out the id_token, and scope when nothing OIDC was asked for without an audience',
    arrange: async (driver) => ({
      mfaToken: await loginForMfaToken(driver, 'spa-client', { scope: 'read:things' }),
    }),
    request: (v) => token(form(redeem(v.mfaToken ?? '', ALICE_CODE))),
    status: 200,
    check: (body) => {
      expect(Object.keys(body)).toEqual([
        'access_token',
        'expires_in',
        'recovery_code',
        'token_type',
      ])
    },
  },
  {
    name: 'issues an opaque access token when the login named no audience, as Auth0 does',
    request: () => token(form(redeem('mfa-token-alice', ALICE_CODE))),
    status: 200,
    check: (body) => expect(body.access_token).toMatch(/^[A-Za-z0-9_-]{32}$/),
  },
  {
    name: 'issues an access token for the audience of the login',
    arrange: async (driver) => ({
      mfaToken: await loginForMfaToken(driver, 'spa-client', {
        audience: 'https://api.example.com/',
      }),
    }),
    request: (v) => token(form(redeem(v.mfaToken ?? '', ALICE_CODE))),
    status: 200,
    check: (body, _v, driver) => {
      expect(decodeJwt(String(body.access_token))).toMatchObject({
        iss: `${driver.base}/`,
        sub: 'auth0|alice',
        aud: ['https://api.example.com/', `${driver.base}/userinfo`],
        scope: 'openid profile email',
        azp: 'spa-client',
      })
    },
  },
  {
    name: 'answers a wrong method on the token endpoint with a JSON 405',
    request: () => token({ method: 'GET' }),
    status: 405,
    headers: { allow: 'POST' },
    body: errorBody('method_not_allowed', 'GET is not allowed on /oauth/token; use POST'),
  },
]

const scenario = (name: string) => ({ 'auth0-emulator-scenario': name })

/** Each scenario through the per-request header, against an otherwise valid redemption. */
export const SCENARIO_CONTRACT: ContractCase[] = [
  ['invalid-recovery-code', 403, INVALID_CODE],
  ['expired-mfa-token', 403, EXPIRED],
  ['malformed-mfa-token', 403, MALFORMED],
  ['recovery-codes-disabled', 403, INVALID_CODE],
  ['too-many-attempts', 429, TOO_MANY],
  ['unauthorized-client', 403, NOT_ALLOWED],
  ['server-error', 500, errorBody('server_error', 'Internal server error (scenario server-error)')],
].map(([name, status, body]) => ({
  name: `applies the ${name} scenario from the request header`,
  request: () => token(form(redeem('mfa-token-alice', ALICE_CODE), scenario(String(name)))),
  status: Number(status),
  body: String(body),
}))

SCENARIO_CONTRACT.push(
  {
    name: 'applies several scenarios from one header, in check order',
    request: () =>
      token(
        form(
          redeem('mfa-token-alice', ALICE_CODE),
          scenario('invalid-recovery-code, expired-mfa-token'),
        ),
      ),
    status: 403,
    body: EXPIRED,
  },
  {
    name: 'refuses an unknown scenario name in the header',
    request: () => token(form(redeem('mfa-token-alice', ALICE_CODE), scenario('sometimes-broken'))),
    status: 400,
    body: errorBody(
      'invalid_request',
      "Unknown scenario 'sometimes-broken'. Known scenarios: invalid-recovery-code, expired-mfa-token, recovery-codes-disabled, malformed-mfa-token, too-many-attempts, unauthorized-client, server-error, mfa-required-on-refresh, rate-limited, push-approved, push-rejected, slow, network-error (from the Auth0-Emulator-Scenario header)",
    ),
  },
)
