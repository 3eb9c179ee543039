import { HttpResponse, http } from 'msw'
import type { ErrorKey } from '../contract/error-catalogue.js'
import { findUser } from '../domain/store.js'
import type { TenantContext } from '../domain/tenant.js'
import { auth0Endpoint, methodNotAllowed } from '../http/endpoint.js'
import { JSON_UTF8_HEADERS, json } from '../http/respond.js'
import type { Routes } from '../http/routes.js'
import { verifyAccessToken } from './access-token.js'
import { profileClaims } from './profile-claims.js'

const UNAUTHORIZED_HEADERS = { 'Content-Type': 'text/plain; charset=utf-8' }

/**
 * Auth0's refusal on `/userinfo`: a plain-text `401 Unauthorized` (not JSON) whose reason is in
 * `WWW-Authenticate`; the catalogue entry (overridable) gives the `error` and description.
 */
function unauthorized(tenant: TenantContext, key: ErrorKey, trace: { refusal?: unknown }) {
  const entry = tenant.errors[key]
  const params = entry.error
    ? `, error="${entry.error}", error_description="${entry.error_description}"`
    : ''
  trace.refusal = { reason: key, error: entry.error, error_description: entry.error_description }
  return new HttpResponse('Unauthorized', {
    status: entry.status,
    headers: {
      ...UNAUTHORIZED_HEADERS,
      'Content-Length': '12',
      'WWW-Authenticate': `Bearer realm="Users"${params}`,
    },
  })
}

/**
 * `GET|POST /userinfo`: the user's claims for an access token this tenant issued (opaque, or a
 * JWT with the userinfo audience), in Auth0's order; `{}` for a token without `openid`.
 */
export function userinfoHandlers(tenant: TenantContext, route: Routes) {
  const answer = auth0Endpoint(tenant, JSON_UTF8_HEADERS, async (request, _scenarios, trace) => {
    const url = new URL(request.url)
    const match = /^bearer\s+(\S+)\s*$/i.exec(request.headers.get('authorization') ?? '')
    if (!match?.[1]) return unauthorized(tenant, 'userinfo_missing_token', trace)
    const grant = await verifyAccessToken(tenant, match[1], url)
    if (grant === 'expired') return unauthorized(tenant, 'userinfo_expired_token', trace)
    const audienceOk =
      grant !== 'invalid' &&
      (grant.audiences.length === 0 || grant.audiences.some((a) => a.endsWith('/userinfo')))
    const user = grant !== 'invalid' ? findUser(tenant.store, grant.userId) : undefined
    if (grant === 'invalid' || !audienceOk || !user) {
      return unauthorized(tenant, 'userinfo_invalid_token', trace)
    }
    trace.userId = grant.userId
    trace.clientId = grant.clientId
    if (!grant.scopes.includes('openid')) return json({})
    return json({ sub: grant.userId, ...(await profileClaims(tenant, user, grant.scopes)) })
  })
  return [
    http.get(route.path('/userinfo'), answer),
    http.post(route.path('/userinfo'), answer),
    http.all(route.path('/userinfo'), methodNotAllowed(tenant, 'GET, POST', JSON_UTF8_HEADERS)),
  ]
}
