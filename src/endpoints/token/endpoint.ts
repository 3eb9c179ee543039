import type { ClientFixture } from '../../config/schema.js'
import { NOT_EMULATED_GRANTS } from '../../contract/grant-types.js'
import { OAuthError } from '../../contract/oauth-error.js'
import type { TenantContext } from '../../domain/tenant.js'
import { type Route, route } from '../../http/pipeline.js'
import { json, TOKEN_HEADERS } from '../../http/respond.js'
import type { RequestScenarios } from '../../scenarios/flags.js'
import { notEmulated } from '../not-emulated.js'
import { clientCaller } from './client-auth.js'
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
 * `POST /oauth/token` as a short list of steps: the pipeline parses the body, requires
 * `grant_type` and authenticates the client; then the grant is checked and run.
 */
export function tokenRoutes(tenant: TenantContext): Route[] {
  return [
    route({
      method: 'POST',
      path: '/oauth/token',
      dialect: 'token',
      caller: clientCaller('grant_type'),
      changesState: true,
      async handle({ url, scenarios, trace, caller: { client, params } }) {
        const grant = allowedGrant(client, params.grant_type ?? '', scenarios)
        const body = await grant.run({ tenant, client, params, scenarios, url, trace })
        return json(body, 200, TOKEN_HEADERS)
      },
    }),
  ]
}
