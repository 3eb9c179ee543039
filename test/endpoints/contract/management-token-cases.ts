import { decodeJwt, decodeProtectedHeader } from 'jose'
import { expect } from 'vitest'
import type { Driver } from '../../support/drivers.js'
import { type ContractCase, errorBody, type Vars } from './cases.js'
import { audienceOf, M2M_SCOPES, m2mRequest, withFixture } from './management-support.js'

const audience = async (d: Driver): Promise<Vars> => ({ audience: audienceOf(d) })
const token = (init: RequestInit) => ({ init })
const clientGrant = (clientId: string, scope: string[]) => ({
  client_id: clientId,
  client_secret: `${clientId}-secret`,
  grant_types: ['client_credentials'],
  client_grants: [{ audience: 'management', scope }],
})

/** Asserts a Management API token: the body's and the JWT's members in Auth0's order. */
function checkM2mToken(body: Record<string, unknown>, v: Vars, d: Driver, scope?: string) {
  expect(Object.keys(body)).toEqual(
    scope
      ? ['access_token', 'scope', 'expires_in', 'token_type']
      : ['access_token', 'expires_in', 'token_type'],
  )
  expect(body).toMatchObject({ expires_in: 86400, token_type: 'Bearer' })
  if (scope) expect(body.scope).toBe(scope)
  const jwt = String(body.access_token)
  expect(decodeProtectedHeader(jwt)).toMatchObject({
    alg: 'RS256',
    kid: 'dev-tenant-local-dev-key-1',
  })
  const claims = decodeJwt(jwt)
  expect(Object.keys(claims)).toEqual(
    scope
      ? ['iss', 'sub', 'aud', 'iat', 'exp', 'azp', 'scope', 'gty']
      : ['iss', 'sub', 'aud', 'iat', 'exp', 'azp', 'gty'],
  )
  expect(claims).toMatchObject({
    iss: `${d.base}/`,
    aud: v.audience,
    azp: String(claims.sub).replace(/@clients$/, ''),
    gty: 'client-credentials',
  })
  expect(claims.sub).toMatch(/@clients$/)
  expect(Number(claims.exp) - Number(claims.iat)).toBe(86400)
}

/** `client_credentials` at `/oauth/token` for the Management API audience. */
export const MANAGEMENT_TOKEN_CONTRACT: ContractCase[] = [
  {
    name: 'issues a Management API token with every scope of the client grant',
    arrange: audience,
    request: (v) => token(m2mRequest(v.audience ?? '')),
    status: 200,
    check: (body, v, d) => checkM2mToken(body, v, d, M2M_SCOPES),
  },
  {
    name: 'narrows a Management API token to the scopes asked for',
    arrange: audience,
    request: (v) => token(m2mRequest(v.audience ?? '', { scope: 'update:users read:users' })),
    status: 200,
    check: (body, v, d) => checkM2mToken(body, v, d, 'update:users read:users'),
  },
  {
    name: 'leaves scope out of a token whose client grant has none',
    emulator: withFixture([clientGrant('bare-m2m', [])]),
    arrange: audience,
    request: (v) =>
      token(
        m2mRequest(v.audience ?? '', { client_id: 'bare-m2m', client_secret: 'bare-m2m-secret' }),
      ),
    status: 200,
    check: (body, v, d) => checkM2mToken(body, v, d),
  },
  {
    name: 'refuses scopes outside the client grant',
    arrange: audience,
    request: (v) => token(m2mRequest(v.audience ?? '', { scope: 'read:users create:users' })),
    status: 403,
    body: errorBody('access_denied', 'Client has not been granted scopes: create:users'),
  },
  {
    name: 'refuses an audience that names no API of the tenant',
    request: () => token(m2mRequest('https://api.example.com/')),
    status: 403,
    body: errorBody('access_denied', 'Service not enabled within domain: https://api.example.com/'),
  },
  {
    name: 'refuses a client_credentials request without an audience',
    request: () => token(m2mRequest('')),
    status: 403,
    body: errorBody(
      'access_denied',
      'No audience parameter was provided, and no default audience has been configured',
    ),
  },
  {
    name: 'refuses a client without a client grant for the Management API',
    emulator: withFixture([{ ...clientGrant('no-grant-m2m', []), client_grants: [] }]),
    arrange: audience,
    request: (v) =>
      token(
        m2mRequest(v.audience ?? '', {
          client_id: 'no-grant-m2m',
          client_secret: 'no-grant-m2m-secret',
        }),
      ),
    status: 403,
    body: (v) =>
      errorBody(
        'access_denied',
        `Client is not authorized to access \\"${v.audience}\\". You need to create a \\"client-grant\\" associated to this API.`,
      ),
  },
  {
    name: 'refuses client_credentials for a client without that grant type',
    arrange: audience,
    request: (v) =>
      token(
        m2mRequest(v.audience ?? '', {
          client_id: 'regular-web-app',
          client_secret: 'regular-web-app-secret',
        }),
      ),
    status: 403,
    body: errorBody(
      'unauthorized_client',
      "Grant type 'client_credentials' not allowed for the client.",
    ),
  },
  {
    name: 'refuses a wrong client secret on client_credentials',
    arrange: audience,
    request: (v) => token(m2mRequest(v.audience ?? '', { client_secret: 'wrong' })),
    status: 401,
    body: errorBody('access_denied', 'Unauthorized'),
  },
  {
    name: 'answers client_credentials errors from the tenant catalogue overrides',
    emulator: withFixture([], {
      errors: { audience_not_enabled: { error_description: 'Unknown API {audience}' } },
    }),
    request: () => token(m2mRequest('https://api.example.com/')),
    status: 403,
    body: errorBody('access_denied', 'Unknown API https://api.example.com/'),
  },
]
