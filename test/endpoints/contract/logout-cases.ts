import { expect } from 'vitest'
import type { Driver } from '../../support/drivers.js'
import { form } from '../../support/requests.js'
import { carolTokens } from './around-cases.js'
import type { ContractCase, Vars } from './cases.js'
import { errorBody } from './cases.js'

const HTML = { 'content-type': 'text/html; charset=utf-8' }
const refusal = (description: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Error</title></head><body><h1>Oops!, something went wrong</h1><p><code>invalid_request</code>: ${description}</p></body></html>`
const notAllowed = (parameter: string, url: string) =>
  refusal(
    `The &#34;${parameter}&#34; querystring parameter &#34;${url}&#34; is not defined as a valid URL in &#34;Allowed Logout URLs&#34;.`,
  )
const get = (path: string) => ({ path, init: { redirect: 'manual' as const } })

/** An ID token of carol for regular-web-app, as a logout's id_token_hint. */
const idTokenHint = async (d: Driver): Promise<Vars> => ({
  hint: (await carolTokens(d, 'openid')).idToken ?? '',
})

const notEmulated = (grant: string) =>
  errorBody(
    'not_emulated',
    `Grant type '${grant}' is not emulated. The emulator covers the token endpoint (password, password-realm, MFA, refresh_token and client_credentials grants), the MFA API with Guardian push, /userinfo, /oauth/revoke, logout, the Management API recovery-code slice, discovery and JWKS; see docs/http-api.md`,
  )

/** Logout (contract §13) and the grants the emulator answers honestly it does not emulate. */
export const LOGOUT_CONTRACT: ContractCase[] = [
  {
    name: 'advertises end_session_endpoint in discovery',
    request: () => ({ path: '/.well-known/openid-configuration', init: {} }),
    status: 200,
    check: (body, _v, d) => expect(body.end_session_endpoint).toBe(`${d.base}/oidc/logout`),
  },
  {
    name: 'redirects an OIDC logout to an allowed post_logout_redirect_uri with its state',
    arrange: idTokenHint,
    request: (v) =>
      get(
        `/oidc/logout?id_token_hint=${v.hint}&post_logout_redirect_uri=${encodeURIComponent('http://localhost:3000')}&state=a%20b`,
      ),
    status: 302,
    headers: { location: 'http://localhost:3000?state=a%20b' },
    body: '',
  },
  {
    name: "refuses an OIDC logout to a URL outside the client's Allowed Logout URLs (assumption)",
    arrange: idTokenHint,
    request: (v) =>
      get(
        `/oidc/logout?id_token_hint=${v.hint}&post_logout_redirect_uri=https%3A%2F%2Fevil.example`,
      ),
    status: 400,
    headers: HTML,
    body: notAllowed('post_logout_redirect_uri', 'https://evil.example'),
  },
  {
    name: 'refuses an id_token_hint the tenant did not issue (assumption)',
    request: () => get('/oidc/logout?id_token_hint=e30.e30.c2ln'),
    status: 400,
    headers: HTML,
    body: refusal('The id_token_hint is not an ID token this tenant issued.'),
  },
  {
    name: 'redirects /v2/logout to an allowed returnTo',
    request: () => get('/v2/logout?client_id=spa-client&returnTo=http%3A%2F%2Flocalhost%3A5173'),
    status: 302,
    headers: { location: 'http://localhost:5173' },
  },
  {
    name: "redirects /v2/logout without returnTo to the client's first Allowed Logout URL (assumption)",
    request: () => get('/v2/logout?client_id=spa-client'),
    status: 302,
    headers: { location: 'http://localhost:3000' },
  },
  {
    name: 'refuses /v2/logout to a returnTo the client does not allow',
    request: () => get('/v2/logout?client_id=spa-client&returnTo=https%3A%2F%2Fevil.example'),
    status: 400,
    headers: HTML,
    body: notAllowed('returnTo', 'https://evil.example'),
  },
  {
    name: 'answers the authorization_code grant 501 not_emulated, naming it',
    request: () => ({
      init: form({ grant_type: 'authorization_code', client_id: 'spa-client', code: 'x' }),
    }),
    status: 501,
    body: notEmulated('authorization_code'),
  },
  {
    name: 'answers token exchange 501 not_emulated, naming it',
    request: () => ({
      init: form({
        grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
        client_id: 'spa-client',
      }),
    }),
    status: 501,
    body: notEmulated('urn:ietf:params:oauth:grant-type:token-exchange'),
  },
]
