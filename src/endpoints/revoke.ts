import { OAuthError } from '../contract/oauth-error.js'
import { findRefreshToken, removeRefreshToken } from '../domain/refresh-tokens.js'
import type { TenantContext } from '../domain/tenant.js'
import { requireParam } from '../http/params.js'
import { type Route, route } from '../http/pipeline.js'
import { TOKEN_HEADERS } from '../http/respond.js'
import { clientCaller } from './token/client-auth.js'

/**
 * `POST /oauth/revoke`: revokes a refresh token of the authenticated client at once, answering
 * `200` with an empty body; a token that is unknown, revoked or another client's is refused.
 */
export function revokeRoutes(tenant: TenantContext): Route[] {
  return [
    route({
      method: 'POST',
      path: '/oauth/revoke',
      dialect: 'token',
      caller: clientCaller(),
      handle({ trace, caller: { client, params } }) {
        const token = requireParam(params, 'token')
        const record = findRefreshToken(tenant, token)
        if (!record || record.clientId !== client.client_id) {
          throw new OAuthError('revoke_invalid_token')
        }
        trace.userId = record.userId
        removeRefreshToken(tenant, token)
        return new Response(null, {
          status: 200,
          headers: { ...TOKEN_HEADERS, 'Content-Length': '0' },
        })
      },
    }),
  ]
}
