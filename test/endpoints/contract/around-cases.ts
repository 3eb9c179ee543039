import { decodeJwt } from 'jose'
import { expect } from 'vitest'
import type { Driver } from '../../support/drivers.js'
import { ALICE_CODE, form, json, passwordLogin, redeem } from '../../support/requests.js'
import { type ContractCase, errorBody, type Vars } from './cases.js'

const UTF8 = { 'content-type': 'application/json; charset=utf-8' }
const TOKEN = {
  'content-type': 'application/json',
  'cache-control': 'no-store',
  pragma: 'no-cache',
  'www-authenticate': null,
}
const PLAIN_401 = (authenticate: string) => ({
  'content-type': 'text/plain; charset=utf-8',
  'www-authenticate': authenticate,
})
const INVALID_TOKEN =
  'Bearer realm="Users", error="invalid_token", error_description="Invalid token"'
const bearer = (token: string, init: RequestInit = {}): RequestInit => ({
  ...init,
  headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${token}` },
})

/** Tokens for carol (no MFA) from a password login with `scope` and, optionally, an audience. */
export async function carolTokens(d: Driver, scope: string, audience?: string): Promise<Vars> {
  const res = await d.fetch(
    '/oauth/token',
    form(
      passwordLogin('carol@example.com', {
        client_id: 'regular-web-app',
        client_secret: 'regular-web-app-secret',
        scope,
        ...(audience ? { audience } : {}),
      }),
    ),
  )
  const body = (await res.json()) as Record<string, string>
  if (res.status !== 200) throw new Error(`arrange failed: ${res.status} ${JSON.stringify(body)}`)
  return {
    accessToken: body.access_token ?? '',
    refreshToken: body.refresh_token ?? '',
    idToken: body.id_token ?? '',
  }
}

const revoke = (params: Record<string, string>) => ({ path: '/oauth/revoke', init: form(params) })
const WEB = { client_id: 'regular-web-app', client_secret: 'regular-web-app-secret' }

/** `/userinfo`, `/oauth/revoke` and the URLs discovery lists that are not emulated. */
export const AROUND_CONTRACT: ContractCase[] = [
  {
    name: "answers /userinfo with the user's claims in Auth0's order for an opaque token",
    arrange: (d) => carolTokens(d, 'openid profile email'),
    request: (v) => ({ path: '/userinfo', init: bearer(v.accessToken ?? '') }),
    status: 200,
    headers: UTF8,
    check: (body) => {
      expect(Object.keys(body)).toEqual([
        'sub',
        'nickname',
        'name',
        'picture',
        'updated_at',
        'email',
        'email_verified',
      ])
      expect(body).toMatchObject({
        sub: 'auth0|carol',
        nickname: 'carol',
        email: 'carol@example.com',
        email_verified: true,
        updated_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        picture: expect.stringMatching(
          /^https:\/\/s\.gravatar\.com\/avatar\/[0-9a-f]{64}\?s=480&r=pg&d=https%3A%2F%2Fcdn\.auth0\.com%2Favatars%2Fca\.png$/,
        ),
      })
    },
  },
  {
    name: 'answers POST /userinfo too, with only sub for scope openid',
    arrange: (d) => carolTokens(d, 'openid'),
    request: (v) => ({ path: '/userinfo', init: bearer(v.accessToken ?? '', { method: 'POST' }) }),
    status: 200,
    headers: UTF8,
    body: '{"sub":"auth0|carol"}',
  },
  {
    name: 'answers {} on /userinfo for a token without openid',
    arrange: (d) => carolTokens(d, 'profile'),
    request: (v) => ({ path: '/userinfo', init: bearer(v.accessToken ?? '') }),
    status: 200,
    headers: UTF8,
    body: '{}',
  },
  {
    name: 'accepts a JWT access token with the userinfo audience on /userinfo',
    arrange: (d) => carolTokens(d, 'openid email', 'https://api.example.com/'),
    request: (v) => ({ path: '/userinfo', init: bearer(v.accessToken ?? '') }),
    status: 200,
    headers: UTF8,
    check: (body, v) => {
      expect(decodeJwt(v.accessToken ?? '').aud).toEqual([
        'https://api.example.com/',
        expect.stringMatching(/\/userinfo$/),
      ])
      expect(body).toEqual({
        sub: 'auth0|carol',
        email: 'carol@example.com',
        email_verified: true,
      })
    },
  },
  {
    name: 'refuses a JWT access token without the userinfo audience on /userinfo',
    arrange: (d) => carolTokens(d, 'email', 'https://api.example.com/'),
    request: (v) => ({ path: '/userinfo', init: bearer(v.accessToken ?? '') }),
    status: 401,
    headers: PLAIN_401(INVALID_TOKEN),
    body: 'Unauthorized',
  },
  {
    name: 'answers plain-text 401 Unauthorized on /userinfo without a token',
    request: () => ({ path: '/userinfo', init: {} }),
    status: 401,
    headers: PLAIN_401('Bearer realm="Users"'),
    body: 'Unauthorized',
  },
  {
    name: 'answers plain-text 401 Unauthorized on /userinfo for an unknown token',
    request: () => ({ path: '/userinfo', init: bearer('nope') }),
    status: 401,
    headers: PLAIN_401(INVALID_TOKEN),
    body: 'Unauthorized',
  },
  {
    name: 'answers plain-text 401 with "The token has expired" for an expired access token',
    arrange: async (d) => {
      const vars = await carolTokens(d, 'openid')
      d.emulator.clock.advance(86_401_000)
      return vars
    },
    request: (v) => ({ path: '/userinfo', init: bearer(v.accessToken ?? '') }),
    status: 401,
    headers: PLAIN_401(
      'Bearer realm="Users", error="invalid_token", error_description="The token has expired"',
    ),
    body: 'Unauthorized',
  },
  {
    name: 'revokes a refresh token with an empty 200, after which it is refused',
    arrange: async (d) => {
      const vars = await carolTokens(d, 'openid offline_access')
      const res = await d.fetch('/oauth/revoke', json({ ...WEB, token: vars.refreshToken ?? '' }))
      if (res.status !== 200 || (await res.text()) !== '')
        throw new Error(`revoke answered ${res.status}`)
      return vars
    },
    request: (v) => ({
      init: form({ grant_type: 'refresh_token', ...WEB, refresh_token: v.refreshToken ?? '' }),
    }),
    status: 403,
    body: errorBody('invalid_grant', 'Unknown or invalid refresh token.'),
  },
  {
    name: 'answers a revocation with 200 and an empty body',
    arrange: (d) => carolTokens(d, 'openid offline_access'),
    request: (v) => revoke({ ...WEB, token: v.refreshToken ?? '' }),
    status: 200,
    headers: { ...TOKEN, 'content-length': '0' },
    body: '',
  },
  {
    name: 'requires token on /oauth/revoke',
    request: () => revoke(WEB),
    status: 400,
    headers: TOKEN,
    body: errorBody('invalid_request', 'Missing required parameter: token'),
  },
  {
    name: 'refuses a revocation with a wrong client secret',
    request: () => revoke({ ...WEB, client_secret: 'nope', token: 'x' }),
    status: 401,
    headers: TOKEN,
    body: errorBody('access_denied', 'Unauthorized'),
  },
  {
    name: 'refuses to revoke an unknown refresh token',
    request: () => revoke({ ...WEB, token: 'nope' }),
    status: 400,
    headers: TOKEN,
    body: errorBody(
      'invalid_request',
      'The refresh token is revoked, does not exist, or was not issued to the client making the revocation request',
    ),
  },
  {
    name: "refuses to revoke another client's refresh token",
    arrange: async (d) => {
      const res = await d.fetch(
        '/oauth/token',
        form(redeem('mfa-token-alice-web', ALICE_CODE, WEB)),
      )
      const body = (await res.json()) as { refresh_token: string }
      return { refreshToken: body.refresh_token }
    },
    request: (v) =>
      revoke({
        client_id: 'no-mfa-grant-app',
        client_secret: 'no-mfa-grant-app-secret',
        token: v.refreshToken ?? '',
      }),
    status: 400,
    headers: TOKEN,
    check: (body) => expect(body.error).toBe('invalid_request'),
  },
  {
    name: 'answers 501 not_emulated for /authorize, naming what is covered',
    request: () => ({ path: '/authorize?client_id=spa-client', init: {} }),
    status: 501,
    headers: UTF8,
    check: (body) => {
      expect(body.error).toBe('not_emulated')
      expect(body.error_description).toMatch(/^\/authorize is not emulated\. The emulator covers /)
      expect(body.error_description).toMatch(/docs\/http-api\.md$/)
    },
  },
]
