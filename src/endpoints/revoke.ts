import { HttpResponse, http } from 'msw'
import { OAuthError } from '../contract/oauth-error.js'
import { findRefreshToken, removeRefreshToken } from '../domain/refresh-tokens.js'
import { issuerFor, type TenantContext } from '../domain/tenant.js'
import { auth0Endpoint, methodNotAllowed } from '../http/endpoint.js'
import { readParams, requireParam } from '../http/params.js'
import { TOKEN_HEADERS } from '../http/respond.js'
import type { Routes } from '../http/routes.js'
import { authenticateClient } from './token/client-auth.js'

/**
 * `POST /oauth/revoke`: revokes a refresh token of the authenticated client at once, answering
 * `200` with an empty body; a token that is unknown, revoked or another client's is refused.
 */
export function revokeHandlers(tenant: TenantContext, route: Routes) {
  return [
    http.post(
      route.path('/oauth/revoke'),
      auth0Endpoint(tenant, TOKEN_HEADERS, async (request, _scenarios, trace) => {
        const url = new URL(request.url)
        const params = await readParams(request, tenant.maxBodyBytes)
        trace.params = params
        const client = await authenticateClient(tenant, request, params, issuerFor(tenant, url))
        trace.clientId = client.client_id
        const token = requireParam(params, 'token')
        const record = findRefreshToken(tenant, token)
        if (!record || record.clientId !== client.client_id) {
          throw new OAuthError('revoke_invalid_token')
        }
        trace.userId = record.userId
        removeRefreshToken(tenant, token)
        return new HttpResponse(null, {
          status: 200,
          headers: { ...TOKEN_HEADERS, 'Content-Length': '0' },
        })
      }),
    ),
    http.all(route.path('/oauth/revoke'), methodNotAllowed(tenant, 'POST', TOKEN_HEADERS)),
  ]
}
