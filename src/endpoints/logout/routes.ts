import { http } from 'msw'
import type { TenantContext } from '../../domain/tenant.js'
import { auth0Endpoint, methodNotAllowed } from '../../http/endpoint.js'
import { JSON_UTF8_HEADERS } from '../../http/respond.js'
import type { Routes } from '../../http/routes.js'
import { oidcLogout, v2Logout } from './logout.js'

/** `GET /oidc/logout` (discovery's `end_session_endpoint`) and `GET /v2/logout`. */
export function logoutHandlers(tenant: TenantContext, route: Routes) {
  const endpoint = (handle: Parameters<typeof auth0Endpoint>[2]) =>
    auth0Endpoint(tenant, JSON_UTF8_HEADERS, handle)
  return [
    http.get(
      route.path('/oidc/logout'),
      endpoint(async (request, _scenarios, trace) => oidcLogout(tenant, request, trace)),
    ),
    http.get(
      route.path('/v2/logout'),
      endpoint(async (request, _scenarios, trace) => v2Logout(tenant, request, trace)),
    ),
    http.all(route.path('/oidc/logout'), methodNotAllowed(tenant, 'GET', JSON_UTF8_HEADERS)),
    http.all(route.path('/v2/logout'), methodNotAllowed(tenant, 'GET', JSON_UTF8_HEADERS)),
  ]
}
