import { expect } from 'vitest'
import type { Driver } from '../../support/drivers.js'
import { ALICE_CODE, form, json, RECOVERY_CODE_FORMAT, redeem } from '../../support/requests.js'
import type { ContractCase } from './cases.js'
import {
  bearer,
  MGMT_HEADERS,
  mgmtError,
  tokenError,
  userPath,
  withFixture,
  withToken,
} from './management-support.js'

const api = (path: string, init: RequestInit) => ({ path, init })
const REGENERATE = userPath('auth0|alice', '/recovery-code-regeneration')

/** Redeems `code` for alice through the recovery-code grant; answers the status. */
async function redeemStatus(d: Driver, code: string): Promise<number> {
  const mfaToken = await d.emulator.issueMfaToken({ userId: 'auth0|alice', clientId: 'spa-client' })
  const res = await d.fetch('/oauth/token', form(redeem(mfaToken, code)))
  await res.text()
  return res.status
}

/** The Management API slice: the token check, the errors' shape, recovery codes. */
export const MANAGEMENT_CONTRACT: ContractCase[] = [
  {
    name: 'regenerates a recovery code; the old one stops working at once, the new one redeems',
    arrange: withToken(),
    request: (v) => api(REGENERATE, bearer(v.token, json({}))),
    status: 200,
    headers: MGMT_HEADERS,
    check: async (body, _v, d) => {
      expect(Object.keys(body)).toEqual(['recovery_code'])
      expect(body.recovery_code).toMatch(RECOVERY_CODE_FORMAT)
      expect(body.recovery_code).not.toBe(ALICE_CODE)
      expect(await redeemStatus(d, ALICE_CODE)).toBe(403)
      expect(await redeemStatus(d, String(body.recovery_code))).toBe(200)
    },
  },
  {
    name: 'regenerates a recovery code for a request without a body',
    arrange: withToken(),
    request: (v) => api(REGENERATE, bearer(v.token, { method: 'POST' })),
    status: 200,
    headers: MGMT_HEADERS,
    check: (body, _v, d) =>
      expect(body.recovery_code).toBe(d.emulator.currentRecoveryCode('auth0|alice')),
  },
  {
    name: 'gives a recovery code to a user without any MFA enrolment',
    arrange: withToken(),
    request: (v) =>
      api(userPath('auth0|bob', '/recovery-code-regeneration'), bearer(v.token, json({}))),
    status: 200,
    headers: MGMT_HEADERS,
    check: (body, _v, d) =>
      expect(body.recovery_code).toBe(d.emulator.currentRecoveryCode('auth0|bob')),
  },
  {
    name: 'refuses a regeneration body with properties',
    arrange: withToken(),
    request: (v) => api(REGENERATE, bearer(v.token, json({ scopes: ['x'] }))),
    status: 400,
    headers: MGMT_HEADERS,
    body: mgmtError(
      400,
      'Bad Request',
      "Payload validation error: 'Additional properties not allowed: scopes'.",
      'invalid_body',
    ),
  },
  {
    name: 'refuses a regeneration body that is not JSON',
    arrange: withToken(),
    request: (v) =>
      api(
        REGENERATE,
        bearer(v.token, {
          method: 'POST',
          body: '{',
          headers: { 'content-type': 'application/json' },
        }),
      ),
    status: 400,
    headers: MGMT_HEADERS,
    body: mgmtError(400, 'Bad Request', 'Invalid request payload JSON format'),
  },
  {
    name: 'refuses a token without update:users with insufficient_scope',
    arrange: withToken('read:users'),
    request: (v) => api(REGENERATE, bearer(v.token, json({}))),
    status: 403,
    headers: MGMT_HEADERS,
    body: mgmtError(
      403,
      'Forbidden',
      'Insufficient scope, expected any of: update:users',
      'insufficient_scope',
    ),
    check: (_body, _v, d) => {
      const [entry] = d.emulator.requests()
      expect(entry).toMatchObject({
        method: 'POST',
        path: REGENERATE,
        client_id: 'm2m-client',
        status: 403,
        error: 'Forbidden',
        error_description: 'Insufficient scope, expected any of: update:users',
        reason: 'insufficient_scope',
      })
    },
  },
  {
    name: 'refuses a request without an Authorization header',
    request: () => api(REGENERATE, json({})),
    status: 401,
    headers: { ...MGMT_HEADERS, 'www-authenticate': 'Bearer' },
    body: mgmtError(401, 'Unauthorized', 'Missing authentication'),
  },
  {
    name: 'refuses an Authorization header that is not a bearer token',
    request: () =>
      api(REGENERATE, json({}, { authorization: `Basic ${btoa('m2m-client:m2m-client-secret')}` })),
    status: 400,
    headers: MGMT_HEADERS,
    body: mgmtError(400, 'Bad Request', 'Bad HTTP authentication header format'),
  },
  {
    name: 'refuses a bearer token that is not a JWT of this tenant',
    request: () => api(REGENERATE, bearer('not-a-jwt', json({}))),
    status: 401,
    headers: { ...MGMT_HEADERS, 'www-authenticate': 'Bearer error="Invalid token"' },
    body: tokenError('Invalid token'),
  },
  {
    name: 'refuses an expired Management API token on the emulator clock',
    arrange: async (d) => {
      const vars = await withToken()(d)
      d.emulator.clock.advance(86_401_000)
      return vars
    },
    request: (v) => api(REGENERATE, bearer(v.token, json({}))),
    status: 401,
    headers: MGMT_HEADERS,
    body: tokenError('Expired token received for JSON Web Token validation'),
  },
  {
    name: 'refuses a Management API token whose signature does not verify',
    arrange: async (d) => {
      const { token = '' } = await withToken()(d)
      const [header, payload, signature = ''] = token.split('.')
      const flipped = `${signature[0] === 'A' ? 'B' : 'A'}${signature.slice(1)}`
      return { token: `${header}.${payload}.${flipped}` }
    },
    request: (v) => api(REGENERATE, bearer(v.token, json({}))),
    status: 401,
    headers: MGMT_HEADERS,
    body: tokenError('Invalid signature received for JSON Web Token validation'),
  },
  {
    name: 'refuses an access token issued for another audience',
    arrange: async (d) => {
      const res = await d.fetch(
        '/oauth/token',
        form({
          grant_type: 'password',
          client_id: 'spa-client',
          username: 'carol@example.com',
          password: 'Passw0rd!',
          audience: 'https://api.example.com/',
        }),
      )
      return { token: ((await res.json()) as { access_token: string }).access_token }
    },
    request: (v) => api(REGENERATE, bearer(v.token, json({}))),
    status: 401,
    headers: MGMT_HEADERS,
    body: tokenError('Invalid token'),
  },
  {
    name: 'refuses a user id that is not provider|id',
    arrange: withToken(),
    request: (v) =>
      api('/api/v2/users/alice/recovery-code-regeneration', bearer(v.token, json({}))),
    status: 400,
    headers: MGMT_HEADERS,
    body: mgmtError(
      400,
      'Bad Request',
      "Path validation error: 'String does not match pattern ^.+\\|.+$: alice' on property id (ID of the user to regenerate a multi-factor authentication recovery code for).",
      'invalid_uri',
    ),
  },
  {
    name: 'refuses a path id with a malformed percent-escape without failing',
    arrange: withToken(),
    request: (v) => api('/api/v2/users/auth0%E0%A4%A/enrollments', bearer(v.token)),
    status: 400,
    headers: MGMT_HEADERS,
    check: (body) => expect(body).toMatchObject({ statusCode: 400, errorCode: 'invalid_uri' }),
  },
  {
    name: 'answers 404 inexistent_user for an unknown user',
    arrange: withToken(),
    request: (v) =>
      api(userPath('auth0|nobody', '/recovery-code-regeneration'), bearer(v.token, json({}))),
    status: 404,
    headers: MGMT_HEADERS,
    body: mgmtError(404, 'Not Found', 'The user does not exist.', 'inexistent_user'),
  },
  {
    name: 'answers a wrong method with 405 and Allow in the Management API shape',
    request: () => api(REGENERATE, { method: 'GET' }),
    status: 405,
    headers: { ...MGMT_HEADERS, allow: 'POST' },
    body: mgmtError(405, 'Method Not Allowed', `GET is not allowed on ${REGENERATE}; use POST`),
  },
  {
    name: 'answers an unknown /api/v2 path with 404 in the Management API shape',
    request: () => api('/api/v2/users', { method: 'GET' }),
    status: 404,
    headers: MGMT_HEADERS,
    body: mgmtError(404, 'Not Found', 'Not found: GET /api/v2/users'),
  },
  {
    name: 'answers the server-error scenario in the Management API shape',
    request: () => api(REGENERATE, json({}, { 'auth0-emulator-scenario': 'server-error' })),
    status: 500,
    headers: MGMT_HEADERS,
    body: mgmtError(500, 'Internal Server Error', 'Internal server error (scenario server-error)'),
  },
  {
    name: 'answers Management API errors from tenant.management_errors',
    emulator: withFixture([], {
      management_errors: {
        inexistent_user: { statusCode: 400, message: 'No user {id}', errorCode: null },
      },
    }),
    arrange: withToken(),
    request: (v) => api(userPath('auth0|nobody', '/enrollments'), bearer(v.token)),
    status: 400,
    headers: MGMT_HEADERS,
    body: mgmtError(400, 'Bad Request', 'No user {id}'),
  },
]
