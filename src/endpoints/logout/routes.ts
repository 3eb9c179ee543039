import type { TenantContext } from '../../domain/tenant.js'
import { anyone, type Route, route } from '../../http/pipeline.js'
import { oidcLogout, v2Logout } from './logout.js'

/** `GET /oidc/logout` (discovery's `end_session_endpoint`) and `GET /v2/logout`. */
export function logoutRoutes(tenant: TenantContext): Route[] {
  const get = { method: 'GET', dialect: 'logout', caller: anyone } as const
  return [
    route({
      ...get,
      path: '/oidc/logout',
      handle: ({ request, trace }) => oidcLogout(tenant, request, trace),
    }),
    route({
      ...get,
      path: '/v2/logout',
      handle: ({ request, trace }) => v2Logout(tenant, request, trace),
    }),
  ]
}
