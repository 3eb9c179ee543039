import { http } from 'msw'
import type { ClientFixture } from '../../config/schema.js'
import { NOT_EMULATED_GRANTS } from '../../contract/grant-types.js'
import { OAuthError } from '../../contract/oauth-error.js'
import { issuerFor, type TenantContext } from '../../domain/tenant.js'
import { auth0Endpoint, methodNotAllowed } from '../../http/endpoint.js'
import { readParams, requireParam } from '../../http/params.js'
import { json, TOKEN_HEADERS } from '../../http/respond.js'
import type { Routes } from '../../http/routes.js'
import type { RequestScenarios } from '../../scenarios/flags.js'
import { notEmulated } from '../not-emulated.js'
import { authenticateClient } from './client-auth.js'
import type { Grant } from './grants/grant.js'
import { GRANTS } from './grants/registry.js'

/** The grant for `grantType`, if the client may use it (and no scenario says otherwise). */
function allowedGrant(
  client: ClientFixture,
  grantType: string,
  scenarios: RequestScenarios,
): Grant {
  const grant = GRANTS.get(grantType)
  if (!grant && NOT_EMULATED_GRANTS.has(grantType)) throw notEmulated(`Grant type '${grantType}'`)
  if (!grant) throw new OAuthError('unsupported_grant_type', { grant_type: grantType })
  if (!client.grant_types.includes(grantType) || scenarios.apply('unauthorized-client')) {
    throw new OAuthError('grant_not_allowed', { grant_type: grantType })
  }
  return grant
}

/**
 * `POST /oauth/token` as a short list of steps: parse the body, require `grant_type`,
 * authenticate the client, check the grant is allowed, run it.
 */
export function tokenEndpointHandlers(tenant: TenantContext, route: Routes) {
  return [
    http.post(
      route.path('/oauth/token'),
      auth0Endpoint(tenant, TOKEN_HEADERS, async (request, scenarios, trace) => {
        const url = new URL(request.url)
        const params = await readParams(request, tenant.maxBodyBytes)
        trace.params = params
        const grantType = requireParam(params, 'grant_type')
        const client = await authenticateClient(tenant, request, params, issuerFor(tenant, url))
        trace.clientId = client.client_id
        const grant = allowedGrant(client, grantType, scenarios)
        const body = await grant.run({ tenant, client, params, scenarios, url, trace })
        return json(body, 200, TOKEN_HEADERS)
      }),
    ),
    http.all(route.path('/oauth/token'), methodNotAllowed(tenant, 'POST', TOKEN_HEADERS)),
  ]
}
