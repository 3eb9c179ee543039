import { HttpResponse } from 'msw'
import { OAuthError } from '../../contract/oauth-error.js'
import type { RequestTrace } from '../../domain/journal.js'
import { findClient } from '../../domain/store.js'
import type { TenantContext } from '../../domain/tenant.js'
import { clientOfIdTokenHint } from './id-token-hint.js'

/** Where a logout asks to go, and whose Allowed Logout URLs decide. */
interface LogoutRequest {
  /** The query parameter naming the URL: `post_logout_redirect_uri` or `returnTo`. */
  parameter: 'post_logout_redirect_uri' | 'returnTo'
  url: string | undefined
  clientId: string | undefined
  /** Appended to the redirect as `state` (OIDC logout only). */
  state: string | undefined
}

/** The page of a logout that names no URL to return to. */
const loggedOut = () =>
  new HttpResponse(
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Logged out</title></head><body><p>You have been logged out.</p></body></html>',
    { headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' } },
  )

/**
 * Ends a logout: `302` to the URL when the client's (or, without a client, the tenant's) Allowed
 * Logout URLs list it, Auth0's error page otherwise; a page saying so when no URL was given (and
 * `/v2/logout`'s client has none to default to). The emulator keeps no SSO session, so nothing
 * else changes: refresh tokens stay valid, as on Auth0.
 */
function finish(tenant: TenantContext, want: LogoutRequest, trace: RequestTrace): Response {
  const client = want.clientId === undefined ? undefined : findClient(tenant, want.clientId)
  if (want.clientId !== undefined && !client) {
    throw new OAuthError('logout_unknown_client', { client_id: want.clientId })
  }
  if (client) trace.clientId = client.client_id
  const allowed = client ? client.allowed_logout_urls : tenant.fixture.tenant.allowed_logout_urls
  const url =
    want.url ?? (want.parameter === 'returnTo' ? client?.allowed_logout_urls[0] : undefined)
  if (url === undefined) return loggedOut()
  if (!allowed.includes(url)) {
    throw new OAuthError('logout_url_not_allowed', { parameter: want.parameter, url })
  }
  const state =
    want.state === undefined
      ? ''
      : `${url.includes('?') ? '&' : '?'}state=${encodeURIComponent(want.state)}`
  return new HttpResponse(null, { status: 302, headers: { Location: `${url}${state}` } })
}

/** `GET /oidc/logout`: `id_token_hint` (or `client_id`), `post_logout_redirect_uri`, `state`. */
export async function oidcLogout(tenant: TenantContext, request: Request, trace: RequestTrace) {
  const url = new URL(request.url)
  const query = Object.fromEntries(url.searchParams)
  trace.params = query
  let clientId = query.client_id
  if (query.id_token_hint !== undefined) {
    clientId = await clientOfIdTokenHint(tenant, query.id_token_hint, url)
    if (clientId === undefined) throw new OAuthError('logout_invalid_id_token_hint')
  }
  const want: LogoutRequest = {
    parameter: 'post_logout_redirect_uri',
    url: query.post_logout_redirect_uri,
    clientId,
    state: query.state,
  }
  return finish(tenant, want, trace)
}

/** `GET /v2/logout`: `client_id` and `returnTo`, Auth0's older logout. */
export function v2Logout(tenant: TenantContext, request: Request, trace: RequestTrace) {
  const query = Object.fromEntries(new URL(request.url).searchParams)
  trace.params = query
  const want: LogoutRequest = {
    parameter: 'returnTo',
    url: query.returnTo,
    clientId: query.client_id,
    state: undefined,
  }
  return finish(tenant, want, trace)
}
